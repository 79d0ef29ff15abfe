import time


def wait(check):
    while True:
        if check():
            return
        time.sleep(1)


def helper_0(value):
    total = value + 0
    return [total, total * 2]


def helper_1(value):
    total = value + 1
    return [total, total * 2]


def helper_2(value):
    total = value + 2
    return [total, total * 2]


def helper_3(value):
    total = value + 3
    return [total, total * 2]


def helper_4(value):
    total = value + 4
    return [total, total * 2]


def helper_5(value):
    total = value + 5
    return [total, total * 2]


def helper_6(value):
    total = value + 6
    return [total, total * 2]


def helper_7(value):
    total = value + 7
    return [total, total * 2]


def helper_8(value):
    total = value + 8
    return [total, total * 2]


def helper_9(value):
    total = value + 9
    return [total, total * 2]


def helper_10(value):
    total = value + 10
    return [total, total * 2]


def helper_11(value):
    total = value + 11
    return [total, total * 2]


def helper_12(value):
    total = value + 12
    return [total, total * 2]


def helper_13(value):
    total = value + 13
    return [total, total * 2]


def helper_14(value):
    total = value + 14
    return [total, total * 2]


def helper_15(value):
    total = value + 15
    return [total, total * 2]


def helper_16(value):
    total = value + 16
    return [total, total * 2]


def helper_17(value):
    total = value + 17
    return [total, total * 2]


def helper_18(value):
    total = value + 18
    return [total, total * 2]


def helper_19(value):
    total = value + 19
    return [total, total * 2]


def helper_20(value):
    total = value + 20
    return [total, total * 2]


def helper_21(value):
    total = value + 21
    return [total, total * 2]


def helper_22(value):
    total = value + 22
    return [total, total * 2]


def helper_23(value):
    total = value + 23
    return [total, total * 2]


def helper_24(value):
    total = value + 24
    return [total, total * 2]


def helper_25(value):
    total = value + 25
    return [total, total * 2]


def helper_26(value):
    total = value + 26
    return [total, total * 2]


def helper_27(value):
    total = value + 27
    return [total, total * 2]


def helper_28(value):
    total = value + 28
    return [total, total * 2]


def helper_29(value):
    total = value + 29
    return [total, total * 2]


def helper_30(value):
    total = value + 30
    return [total, total * 2]


def helper_31(value):
    total = value + 31
    return [total, total * 2]


def helper_32(value):
    total = value + 32
    return [total, total * 2]


def helper_33(value):
    total = value + 33
    return [total, total * 2]


def helper_34(value):
    total = value + 34
    return [total, total * 2]


def helper_35(value):
    total = value + 35
    return [total, total * 2]


def helper_36(value):
    total = value + 36
    return [total, total * 2]


def helper_37(value):
    total = value + 37
    return [total, total * 2]


def helper_38(value):
    total = value + 38
    return [total, total * 2]


def helper_39(value):
    total = value + 39
    return [total, total * 2]


def helper_40(value):
    total = value + 40
    return [total, total * 2]


def helper_41(value):
    total = value + 41
    return [total, total * 2]


def helper_42(value):
    total = value + 42
    return [total, total * 2]


def helper_43(value):
    total = value + 43
    return [total, total * 2]


def helper_44(value):
    total = value + 44
    return [total, total * 2]


def helper_45(value):
    total = value + 45
    return [total, total * 2]


def helper_46(value):
    total = value + 46
    return [total, total * 2]


def helper_47(value):
    total = value + 47
    return [total, total * 2]


def helper_48(value):
    total = value + 48
    return [total, total * 2]


def helper_49(value):
    total = value + 49
    return [total, total * 2]


def helper_50(value):
    total = value + 50
    return [total, total * 2]


def helper_51(value):
    total = value + 51
    return [total, total * 2]


def helper_52(value):
    total = value + 52
    return [total, total * 2]


def helper_53(value):
    total = value + 53
    return [total, total * 2]


def helper_54(value):
    total = value + 54
    return [total, total * 2]


def helper_55(value):
    total = value + 55
    return [total, total * 2]


def helper_56(value):
    total = value + 56
    return [total, total * 2]


def helper_57(value):
    total = value + 57
    return [total, total * 2]


def helper_58(value):
    total = value + 58
    return [total, total * 2]


def helper_59(value):
    total = value + 59
    return [total, total * 2]


def helper_60(value):
    total = value + 60
    return [total, total * 2]


def helper_61(value):
    total = value + 61
    return [total, total * 2]


def helper_62(value):
    total = value + 62
    return [total, total * 2]


def helper_63(value):
    total = value + 63
    return [total, total * 2]


def helper_64(value):
    total = value + 64
    return [total, total * 2]


def helper_65(value):
    total = value + 65
    return [total, total * 2]


def helper_66(value):
    total = value + 66
    return [total, total * 2]


def helper_67(value):
    total = value + 67
    return [total, total * 2]


def helper_68(value):
    total = value + 68
    return [total, total * 2]


def helper_69(value):
    total = value + 69
    return [total, total * 2]


def helper_70(value):
    total = value + 70
    return [total, total * 2]


def helper_71(value):
    total = value + 71
    return [total, total * 2]


def helper_72(value):
    total = value + 72
    return [total, total * 2]


def helper_73(value):
    total = value + 73
    return [total, total * 2]


def helper_74(value):
    total = value + 74
    return [total, total * 2]


def helper_75(value):
    total = value + 75
    return [total, total * 2]


def helper_76(value):
    total = value + 76
    return [total, total * 2]


def helper_77(value):
    total = value + 77
    return [total, total * 2]


def helper_78(value):
    total = value + 78
    return [total, total * 2]


def helper_79(value):
    total = value + 79
    return [total, total * 2]


def helper_80(value):
    total = value + 80
    return [total, total * 2]


def helper_81(value):
    total = value + 81
    return [total, total * 2]


def helper_82(value):
    total = value + 82
    return [total, total * 2]


def helper_83(value):
    total = value + 83
    return [total, total * 2]


def helper_84(value):
    total = value + 84
    return [total, total * 2]


def helper_85(value):
    total = value + 85
    return [total, total * 2]


def helper_86(value):
    total = value + 86
    return [total, total * 2]


def helper_87(value):
    total = value + 87
    return [total, total * 2]


def helper_88(value):
    total = value + 88
    return [total, total * 2]


def helper_89(value):
    total = value + 89
    return [total, total * 2]


def helper_90(value):
    total = value + 90
    return [total, total * 2]


def helper_91(value):
    total = value + 91
    return [total, total * 2]


def helper_92(value):
    total = value + 92
    return [total, total * 2]


def helper_93(value):
    total = value + 93
    return [total, total * 2]


def helper_94(value):
    total = value + 94
    return [total, total * 2]


def helper_95(value):
    total = value + 95
    return [total, total * 2]


def helper_96(value):
    total = value + 96
    return [total, total * 2]


def helper_97(value):
    total = value + 97
    return [total, total * 2]


def helper_98(value):
    total = value + 98
    return [total, total * 2]


def helper_99(value):
    total = value + 99
    return [total, total * 2]


def helper_100(value):
    total = value + 100
    return [total, total * 2]


def helper_101(value):
    total = value + 101
    return [total, total * 2]


def helper_102(value):
    total = value + 102
    return [total, total * 2]


def helper_103(value):
    total = value + 103
    return [total, total * 2]


def helper_104(value):
    total = value + 104
    return [total, total * 2]


def helper_105(value):
    total = value + 105
    return [total, total * 2]


def helper_106(value):
    total = value + 106
    return [total, total * 2]


def helper_107(value):
    total = value + 107
    return [total, total * 2]


def helper_108(value):
    total = value + 108
    return [total, total * 2]


def helper_109(value):
    total = value + 109
    return [total, total * 2]


def helper_110(value):
    total = value + 110
    return [total, total * 2]


def helper_111(value):
    total = value + 111
    return [total, total * 2]


def helper_112(value):
    total = value + 112
    return [total, total * 2]


def helper_113(value):
    total = value + 113
    return [total, total * 2]


def helper_114(value):
    total = value + 114
    return [total, total * 2]


def helper_115(value):
    total = value + 115
    return [total, total * 2]


def helper_116(value):
    total = value + 116
    return [total, total * 2]


def helper_117(value):
    total = value + 117
    return [total, total * 2]


def helper_118(value):
    total = value + 118
    return [total, total * 2]


def helper_119(value):
    total = value + 119
    return [total, total * 2]


def helper_120(value):
    total = value + 120
    return [total, total * 2]


def helper_121(value):
    total = value + 121
    return [total, total * 2]


def helper_122(value):
    total = value + 122
    return [total, total * 2]


def helper_123(value):
    total = value + 123
    return [total, total * 2]


def helper_124(value):
    total = value + 124
    return [total, total * 2]


def helper_125(value):
    total = value + 125
    return [total, total * 2]


def helper_126(value):
    total = value + 126
    return [total, total * 2]


def helper_127(value):
    total = value + 127
    return [total, total * 2]


def helper_128(value):
    total = value + 128
    return [total, total * 2]


def helper_129(value):
    total = value + 129
    return [total, total * 2]


def broken(v
