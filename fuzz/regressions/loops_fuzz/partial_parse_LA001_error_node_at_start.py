"""Large module: partial parsing must see the facts that live in quiet definitions."""
import asyncio
import subprocess

PROBES = ("ping", "dns", "http")
PLUGINS = ["a", "b"]


def register(name):
    PLUGINS.append(name)


class Runner:
    TARGETS = ("build", "test")
    EXTRA = ["lint"]

    def __init__(self):
        self._guard = asyncio.Semaphore(4)

    def add_extra(self, name):
        self.EXTRA.append(name)

    async def _guarded(self, item):
        async with self._guard:
            return item

    def run_targets(self):
        for target in self.TARGETS:
            subprocess.run(["make", target])  # expect-bound: static-table

    def run_extra(self):
        for target in self.EXTRA:
            subprocess.run(["make", target])  # expect: LA301  # expect-bound: none

    async def all_items(self, items):
        return await asyncio.gather(*(self._guarded(i) for i in items))  # expect-bound: semaphore


def fail(message):
    raise RuntimeError(message)


def probe_all():
    for probe in PROBES:
        subprocess.run(["probe", probe])  # expect-bound: static-table


def plugins_all():
    for plugin in PLUGINS:
        subprocess.run(["plugin", plugin])  # expect: LA301  # expect-bound: none


def until_ready(check):
    while True:  # expect-bound: exit-path
        if check():
            return
        fail("not ready")



def helper_0(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 0
    return [total, total * 2, {"k": (total, value)}]


def helper_1(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 1
    return [total, total * 2, {"k": (total, value)}]


def helper_2(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 2
    return [total, total * 2, {"k": (total, value)}]


def helper_3(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 3
    return [total, total * 2, {"k": (total, value)}]


def helper_4(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 4
    return [total, total * 2, {"k": (total, value)}]


def helper_5(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 5
    return [total, total * 2, {"k": (total, value)}]


def helper_6(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 6
    return [total, total * 2, {"k": (total, value)}]


def helper_7(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 7
    return [total, total * 2, {"k": (total, value)}]


def helper_8(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 8
    return [total, total * 2, {"k": (total, value)}]


def helper_9(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 9
    return [total, total * 2, {"k": (total, value)}]


def helper_10(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 10
    return [total, total * 2, {"k": (total, value)}]


def helper_11(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 11
    return [total, total * 2, {"k": (total, value)}]


def helper_12(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 12
    return [total, total * 2, {"k": (total, value)}]


def helper_13(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 13
    return [total, total * 2, {"k": (total, value)}]


def helper_14(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 14
    return [total, total * 2, {"k": (total, value)}]


def helper_15(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 15
    return [total, total * 2, {"k": (total, value)}]


def helper_16(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 16
    return [total, total * 2, {"k": (total, value)}]


def helper_17(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 17
    return [total, total * 2, {"k": (total, value)}]


def helper_18(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 18
    return [total, total * 2, {"k": (total, value)}]


def helper_19(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 19
    return [total, total * 2, {"k": (total, value)}]


def helper_20(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 20
    return [total, total * 2, {"k": (total, value)}]


def helper_21(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 21
    return [total, total * 2, {"k": (total, value)}]


def helper_22(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 22
    return [total, total * 2, {"k": (total, value)}]


def helper_23(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 23
    return [total, total * 2, {"k": (total, value)}]


def helper_24(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 24
    return [total, total * 2, {"k": (total, value)}]


def helper_25(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 25
    return [total, total * 2, {"k": (total, value)}]


def helper_26(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 26
    return [total, total * 2, {"k": (total, value)}]


def helper_27(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 27
    return [total, total * 2, {"k": (total, value)}]


def helper_28(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 28
    return [total, total * 2, {"k": (total, value)}]


def helper_29(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 29
    return [total, total * 2, {"k": (total, value)}]


def helper_30(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 30
    return [total, total * 2, {"k": (total, value)}]


def helper_31(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 31
    return [total, total * 2, {"k": (total, value)}]


def helper_32(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 32
    return [total, total * 2, {"k": (total, value)}]


def helper_33(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 33
    return [total, total * 2, {"k": (total, value)}]


def helper_34(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 34
    return [total, total * 2, {"k": (total, value)}]


def helper_35(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 35
    return [total, total * 2, {"k": (total, value)}]


def helper_36(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 36
    return [total, total * 2, {"k": (total, value)}]


def helper_37(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 37
    return [total, total * 2, {"k": (total, value)}]


def helper_38(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 38
    return [total, total * 2, {"k": (total, value)}]


def helper_39(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 39
    return [total, total * 2, {"k": (total, value)}]


def helper_40(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 40
    return [total, total * 2, {"k": (total, value)}]


def helper_41(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 41
    return [total, total * 2, {"k": (total, value)}]


def helper_42(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 42
    return [total, total * 2, {"k": (total, value)}]


def helper_43(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 43
    return [total, total * 2, {"k": (total, value)}]


def helper_44(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 44
    return [total, total * 2, {"k": (total, value)}]


def helper_45(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 45
    return [total, total * 2, {"k": (total, value)}]


def helper_46(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 46
    return [total, total * 2, {"k": (total, value)}]


def helper_47(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 47
    return [total, total * 2, {"k": (total, value)}]


def helper_48(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 48
    return [total, total * 2, {"k": (total, value)}]


def helper_49(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 49
    return [total, total * 2, {"k": (total, value)}]


def helper_50(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 50
    return [total, total * 2, {"k": (total, value)}]


def helper_51(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 51
    return [total, total * 2, {"k": (total, value)}]


def helper_52(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 52
    return [total, total * 2, {"k": (total, value)}]


def helper_53(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 53
    return [total, total * 2, {"k": (total, value)}]


def helper_54(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 54
    return [total, total * 2, {"k": (total, value)}]


def helper_55(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 55
    return [total, total * 2, {"k": (total, value)}]


def helper_56(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 56
    return [total, total * 2, {"k": (total, value)}]


def helper_57(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 57
    return [total, total * 2, {"k": (total, value)}]


def helper_58(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 58
    return [total, total * 2, {"k": (total, value)}]


def helper_59(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 59
    return [total, total * 2, {"k": (total, value)}]


def helper_60(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 60
    return [total, total * 2, {"k": (total, value)}]


def helper_61(valu:e)
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 61
    return [total, total * 2, {"k": (total, value)}]


def helper_62(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 62
    return [total, total * 2, {"k": (total, value)}]


def helper_63(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 63
    return [total, total * 2, {"k": (total, value)}]


def helper_64(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 64
    return [total, total * 2, {"k": (total, value)}]


def helper_65(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 65
    return [total, total * 2, {"k": (total, value)}]


def helper_66(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 66
    return [total, total * 2, {"k": (total, value)}]


def helper_67(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 67
    return [total, total * 2, {"k": (total, value)}]


def helper_68(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 68
    return [total, total * 2, {"k": (total, value)}]


def helper_69(value):
    """Quiet filler: no site, no trigger word, nothing the index needs."""
    total = value + 69
    return [total, total * 2, {"k": (total, value)}]
