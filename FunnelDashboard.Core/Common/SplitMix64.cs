namespace FunnelDashboard.Core.Common;

/// <summary>
/// A tiny, fast, portable random generator. Unlike System.Random its sequence is fixed by the algorithm, and a stream
/// can be derived per key (e.g. per user), so generated data does not depend on processing order.
/// </summary>
public struct SplitMix64(ulong seed)
{
    ulong state = seed;

    public static SplitMix64 ForKey(long seed, long key) => new(Mix((ulong)seed * 0x9E3779B97F4A7C15UL ^ Mix((ulong)key)));

    public ulong NextUInt64() => Mix(state += 0x9E3779B97F4A7C15UL);

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [min, max).</summary>
    public int Next(int min, int max) => min + (int)((NextUInt64() >> 1) % (ulong)(max - min));

    public bool Chance(double probability) => NextDouble() < probability;

    static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
