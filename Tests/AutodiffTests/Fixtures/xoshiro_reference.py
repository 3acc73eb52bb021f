#!/usr/bin/env python3
"""An independent implementation of gradbook's random stream (xoshiro256** seeded by
SplitMix64, Box-Muller normals), written from the published algorithms. Its output is pinned in
RandomGeneratorTests.swift; run this script to regenerate the expected values."""
import math

M64 = (1 << 64) - 1

def splitmix64(state):
    state = (state + 0x9E3779B97F4A7C15) & M64
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
    return state, z ^ (z >> 31)

def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & M64

class Xoshiro256:
    def __init__(self, seed):
        st = seed
        self.s = []
        for _ in range(4):
            st, v = splitmix64(st)
            self.s.append(v)

    def next(self):
        s = self.s
        result = (rotl((s[1] * 5) & M64, 7) * 9) & M64
        t = (s[1] << 17) & M64
        s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return result

    def float24(self):
        return (self.next() >> 40) * 2.0 ** -24

    def double53(self):
        return (self.next() >> 11) * 2.0 ** -53

    def normal(self):
        u1 = 1 - self.double53()
        u2 = self.double53()
        return math.sqrt(-2 * math.log(u1)) * math.cos(2 * math.pi * u2)

if __name__ == "__main__":
    import struct
    f32 = lambda x: struct.unpack("f", struct.pack("f", x))[0]
    for seed in (0, 42):
        g = Xoshiro256(seed)
        print(f"seed {seed} raw:", [hex(g.next()) for _ in range(4)])
        g = Xoshiro256(seed)
        print(f"seed {seed} float:", [repr(f32(g.float24())) for _ in range(4)])
        g = Xoshiro256(seed)
        print(f"seed {seed} normal:", [repr(f32(g.normal())) for _ in range(4)])
