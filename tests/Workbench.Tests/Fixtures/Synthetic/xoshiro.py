#!/usr/bin/python3
"""Independent reference implementation of xoshiro256** 1.0 seeded by SplitMix64 (Blackman & Vigna,
https://prng.di.unimi.it/), used as the oracle for Workbench.Synthetic.Xoshiro256.
Run: /usr/bin/python3 tests/Workbench.Tests/Fixtures/Synthetic/xoshiro.py > tests/Workbench.Tests/Fixtures/Synthetic/xoshiro.csv
Writes seed,index,value (the first 8 64-bit outputs for a few seeds, exact integers)."""
M = (1 << 64) - 1


def splitmix64(state):
    state = (state + 0x9E3779B97F4A7C15) & M
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
    return state, z ^ (z >> 31)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & M


def xoshiro(seed):
    s = []
    x = seed
    for _ in range(4):
        x, v = splitmix64(x)
        s.append(v)
    while True:
        result = (rotl((s[1] * 5) & M, 7) * 9) & M
        t = (s[1] << 17) & M
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        yield result


print("seed,index,value")
for seed in [0, 1, 2020, 0xFFFFFFFFFFFFFFFF]:
    g = xoshiro(seed)
    for i in range(8):
        print(f"{seed},{i},{next(g)}")
