import time


class Deadline:
    # A class larger than a cut parse keeps whole: passed() reaches the clock only through left(),
    # far below it, which holds no trigger word. Both parse modes must still find the clock.
    base = 1

    def __init__(self, seconds):
        self.end = time.monotonic() + seconds

    def passed(self):
        return self.left() <= 0

    def scale_0(self, x):
        return x * 0 + self.base

    def scale_1(self, x):
        return x * 1 + self.base

    def scale_2(self, x):
        return x * 2 + self.base

    def scale_3(self, x):
        return x * 3 + self.base

    def scale_4(self, x):
        return x * 4 + self.base

    def scale_5(self, x):
        return x * 5 + self.base

    def scale_6(self, x):
        return x * 6 + self.base

    def scale_7(self, x):
        return x * 7 + self.base

    def scale_8(self, x):
        return x * 8 + self.base

    def scale_9(self, x):
        return x * 9 + self.base

    def scale_10(self, x):
        return x * 10 + self.base

    def scale_11(self, x):
        return x * 11 + self.base

    def scale_12(self, x):
        return x * 12 + self.base

    def scale_13(self, x):
        return x * 13 + self.base

    def scale_14(self, x):
        return x * 14 + self.base

    def scale_15(self, x):
        return x * 15 + self.base

    def scale_16(self, x):
        return x * 16 + self.base

    def scale_17(self, x):
        return x * 17 + self.base

    def scale_18(self, x):
        return x * 18 + self.base

    def scale_19(self, x):
        return x * 19 + self.base

    def scale_20(self, x):
        return x * 20 + self.base

    def scale_21(self, x):
        return x * 21 + self.base

    def scale_22(self, x):
        return x * 22 + self.base

    def scale_23(self, x):
        return x * 23 + self.base

    def scale_24(self, x):
        return x * 24 + self.base

    def scale_25(self, x):
        return x * 25 + self.base

    def scale_26(self, x):
        return x * 26 + self.base

    def scale_27(self, x):
        return x * 27 + self.base

    def scale_28(self, x):
        return x * 28 + self.base

    def scale_29(self, x):
        return x * 29 + self.base

    def scale_30(self, x):
        return x * 30 + self.base

    def scale_31(self, x):
        return x * 31 + self.base

    def scale_32(self, x):
        return x * 32 + self.base

    def scale_33(self, x):
        return x * 33 + self.base

    def scale_34(self, x):
        return x * 34 + self.base

    def scale_35(self, x):
        return x * 35 + self.base

    def scale_36(self, x):
        return x * 36 + self.base

    def scale_37(self, x):
        return x * 37 + self.base

    def scale_38(self, x):
        return x * 38 + self.base

    def scale_39(self, x):
        return x * 39 + self.base

    def scale_40(self, x):
        return x * 40 + self.base

    def scale_41(self, x):
        return x * 41 + self.base

    def scale_42(self, x):
        return x * 42 + self.base

    def scale_43(self, x):
        return x * 43 + self.base

    def scale_44(self, x):
        return x * 44 + self.base

    def scale_45(self, x):
        return x * 45 + self.base

    def scale_46(self, x):
        return x * 46 + self.base

    def scale_47(self, x):
        return x * 47 + self.base

    def scale_48(self, x):
        return x * 48 + self.base

    def scale_49(self, x):
        return x * 49 + self.base

    def scale_50(self, x):
        return x * 50 + self.base

    def scale_51(self, x):
        return x * 51 + self.base

    def scale_52(self, x):
        return x * 52 + self.base

    def scale_53(self, x):
        return x * 53 + self.base

    def scale_54(self, x):
        return x * 54 + self.base

    def scale_55(self, x):
        return x * 55 + self.base

  def   scale_56(self, x):
        return x * 56 + self.base

    def scale_57(self, x):
        return x * 57 + self.base

    def scale_58(self, x):
        return x * 58 + self.base

    def scale_59(self, x):
        return x * 59 + self.base

    def scale_60(self, x):
        return x * 60 + self.base

    def scale_61(self, x):
        return x * 61 + self.base

    def scale_62(self, x):
        return x * 62 + self.base

    def scale_63(self, x):
        return x * 63 + self.base

    def scale_64(self, x):
        return x * 64 + self.base

    def scale_65(self, x):
        return x * 65 + self.base

    def scale_66(self, x):
        return x * 66 + self.base

    def scale_67(self, x):
        return x * 67 + self.base

    def scale_68(self, x):
        return x * 68 + self.base

    def scale_69(self, x):
        return x * 69 + self.base

    def scale_70(self, x):
        return x * 70 + self.base

    def scale_71(self, x):
        return x * 71 + self.base

    def scale_72(self, x):
        return x * 72 + self.base

    def scale_73(self, x):
        return x * 73 + self.base

    def scale_74(self, x):
        return x * 74 + self.base

    def scale_75(self, x):
        return x * 75 + self.base

    def scale_76(self, x):
        return x * 76 + self.base

    def scale_77(self, x):
        return x * 77 + self.base

    def scale_78(self, x):
        return x * 78 + self.base

    def scale_79(self, x):
        return x * 79 + self.base

    def scale_80(self, x):
        return x * 80 + self.base

    def scale_81(self, x):
        return x * 81 + self.base

    def scale_82(self, x):
        return x * 82 + self.base

    def scale_83(self, x):
        return x * 83 + self.base

    def scale_84(self, x):
        return x * 84 + self.base

    def scale_85(self, x):
        return x * 85 + self.base

    def scale_86(self, x):
        return x * 86 + self.base

    def scale_87(self, x):
        return x * 87 + self.base

    def scale_88(self, x):
        return x * 88 + self.base

    def scale_89(self, x):
        return x * 89 + self.base

    def scale_90(self, x):
        return x * 90 + self.base

    def scale_91(self, x):
        return x * 91 + self.base

    def scale_92(self, x):
        return x * 92 + self.base

    def scale_93(self, x):
        return x * 93 + self.base

    def scale_94(self, x):
        return x * 94 + self.base

    def scale_95(self, x):
        return x * 95 + self.base

    def scale_96(self, x):
        return x * 96 + self.base

    def scale_97(self, x):
        return x * 97 + self.base

    def scale_98(self, x):
        return x * 98 + self.base

    def scale_99(self, x):
        return x * 99 + self.base

    def scale_100(self, x):
        return x * 100 + self.base

    def scale_101(self, x):
        return x * 101 + self.base

    def scale_102(self, x):
        return x * 102 + self.base

    def scale_103(self, x):
        return x * 103 + self.base

    def scale_104(self, x):
        return x * 104 + self.base

    def scale_105(self, x):
        return x * 105 + self.base

    def scale_106(self, x):
        return x * 106 + self.base

    def scale_107(self, x):
        return x * 107 + self.base

    def scale_108(self, x):
        return x * 108 + self.base

    def scale_109(self, x):
        return x * 109 + self.base

    def scale_110(self, x):
        return x * 110 + self.base

    def scale_111(self, x):
        return x * 111 + self.base

    def scale_112(self, x):
        return x * 112 + self.base

    def scale_113(self, x):
        return x * 113 + self.base

    def scale_114(self, x):
        return x * 114 + self.base

    def scale_115(self, x):
        return x * 115 + self.base

    def scale_116(self, x):
        return x * 116 + self.base

    def scale_117(self, x):
        return x * 117 + self.base

    def scale_118(self, x):
        return x * 118 + self.base

    def scale_119(self, x):
        return x * 119 + self.base

    def scale_120(self, x):
        return x * 120 + self.base

    def scale_121(self, x):
        return x * 121 + self.base

    def scale_122(self, x):
        return x * 122 + self.base

    def scale_123(self, x):
        return x * 123 + self.base

    def scale_124(self, x):
        return x * 124 + self.base

    def scale_125(self, x):
        return x * 125 + self.base

    def scale_126(self, x):
        return x * 126 + self.base

    def scale_127(self, x):
        return x * 127 + self.base

    def scale_128(self, x):
        return x * 128 + self.base

    def scale_129(self, x):
        return x * 129 + self.base

    def scale_130(self, x):
        return x * 130 + self.base

    def scale_131(self, x):
        return x * 131 + self.base

    def scale_132(self, x):
        return x * 132 + self.base

    def scale_133(self, x):
        return x * 133 + self.base

    def scale_134(self, x):
        return x * 134 + self.base

    def scale_135(self, x):
        return x * 135 + self.base

    def scale_136(self, x):
        return x * 136 + self.base

    def scale_137(self, x):
        return x * 137 + self.base

    def scale_138(self, x):
        return x * 138 + self.base

    def scale_139(self, x):
        return x * 139 + self.base

    def scale_140(self, x):
        return x * 140 + self.base

    def scale_141(self, x):
        return x * 141 + self.base

    def scale_142(self, x):
        return x * 142 + self.base

    def scale_143(self, x):
        return x * 143 + self.base

    def scale_144(self, x):
        return x * 144 + self.base

    def scale_145(self, x):
        return x * 145 + self.base

    def scale_146(self, x):
        return x * 146 + self.base

    def scale_147(self, x):
        return x * 147 + self.base

    def scale_148(self, x):
        return x * 148 + self.base

    def scale_149(self, x):
        return x * 149 + self.base

    def scale_150(self, x):
        return x * 150 + self.base

    def scale_151(self, x):
        return x * 151 + self.base

    def scale_152(self, x):
        return x * 152 + self.base

    def scale_153(self, x):
        return x * 153 + self.base

    def scale_154(self, x):
        return x * 154 + self.base

    def scale_155(self, x):
        return x * 155 + self.base

    def scale_156(self, x):
        return x * 156 + self.base

    def scale_157(self, x):
        return x * 157 + self.base

    def scale_158(self, x):
        return x * 158 + self.base

    def scale_159(self, x):
        return x * 159 + self.base

    def scale_160(self, x):
        return x * 160 + self.base

    def scale_161(self, x):
        return x * 161 + self.base

    def scale_162(self, x):
        return x * 162 + self.base

    def scale_163(self, x):
        return x * 163 + self.base

    def scale_164(self, x):
        return x * 164 + self.base

    def scale_165(self, x):
        return x * 165 + self.base

    def scale_166(self, x):
        return x * 166 + self.base

    def scale_167(self, x):
        return x * 167 + self.base

    def scale_168(self, x):
        return x * 168 + self.base

    def scale_169(self, x):
        return x * 169 + self.base


    def left(self):
        return self.end - time.monotonic()

    def drain(self, queue):
        while queue:  # expect-bound: condition
            queue.pop()


def wait_flag(flag):
    deadline = Deadline(5)
    while not deadline.passed():  # expect-bound: deadline
        time.sleep(0.1)
        if flag.is_set():
            return True
    return False
