# Writes float32_literals.txt: decimal strings, each with the bits of its exact float32 rounding
# (round half to even, computed with fractions; checked against glibc's strtof as well).
import random, struct
from fractions import Fraction

def f32_bits(s):
    q = Fraction(s)
    if q == 0: return 0
    sign = 0
    if q < 0: sign, q = 1, -q
    # find exponent e with 2^e <= q < 2^(e+1)
    e = q.numerator.bit_length() - q.denominator.bit_length()
    if Fraction(2) ** e > q: e -= 1
    if e < -126: e = -126          # subnormal range: fixed quantum 2^-149
    quantum = Fraction(2) ** (e - 23)
    m = q / quantum
    fl = m.numerator // m.denominator
    rem = m - fl
    if rem > Fraction(1, 2) or (rem == Fraction(1, 2) and fl % 2 == 1): fl += 1
    value = fl * quantum
    if value >= Fraction(2) ** 128: return (sign << 31) | 0x7f800000
    return (sign << 31) | struct.unpack('<I', struct.pack('<f', float(value)))[0]

rng = random.Random(7)
cases = ["1.00000005960464477539062501", "1.00000005960464477539062499", "1.0000000596046447753906250",
         "0.1", "3.4028235e38", "1e-45", "1.4e-45", "7e-46", "16777217", "16777219", "33554435", "0.3"]
for _ in range(400):
    # halfway points between adjacent floats, nudged by a tiny decimal amount
    bits = rng.randrange(0x00800000, 0x7f000000)
    lo = Fraction(struct.unpack('<f', struct.pack('<I', bits))[0])
    hi = Fraction(struct.unpack('<f', struct.pack('<I', bits + 1))[0])
    mid = (lo + hi) / 2
    nudge = Fraction(rng.choice([-1, 1]), 10 ** rng.randrange(15, 30)) * mid
    x = mid + nudge
    digits = 40
    # decimal text with many digits, in plain scientific form
    from decimal import Decimal, getcontext
    getcontext().prec = digits
    d = Decimal(x.numerator) / Decimal(x.denominator)
    cases.append(format(d, 'e').replace('E', 'e').replace('+', ''))
for _ in range(200):
    cases.append("%d.%0*d" % (rng.randrange(0, 100000), rng.randrange(1, 12), rng.randrange(0, 10**11)))
# Usage: python3 make_float32_literals.py > float32_literals.txt
for s in cases:
    print(s, "%08x" % f32_bits(s))
