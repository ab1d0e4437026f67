using System.Buffers;
using System.Runtime.Intrinsics;

namespace FunnelDashboard.ML.Tensors;

/// <summary>
/// General matrix multiply C (+)= op(A)·op(B), blocked for the cache and computed by a 6x16 Vector256 FMA micro-kernel.
/// Operands are packed into contiguous panels first, which also makes transposed operands free of extra copies.
/// </summary>
public static class Gemm
{
    private const int RowsPerKernel = 6;
    private const int ColsPerKernel = 16;
    private const int DepthBlock = 256;

    /// <summary>Below this many multiply-adds a thread hop costs more than the second core gives back.</summary>
    private const long ParallelThreshold = 1L << 21;

    /// <summary>Threads a large multiply may use; 1 forces one core (benchmarks, or a host that parallelizes itself).</summary>
    public static int MaxThreads { get; set; } = Environment.ProcessorCount;

    public static void Multiply(Matrix a, bool transposeA, Matrix b, bool transposeB, Matrix c, bool accumulate = false)
    {
        int m = transposeA ? a.Cols : a.Rows;
        int k = transposeA ? a.Rows : a.Cols;
        int n = transposeB ? b.Rows : b.Cols;
        int kOfB = transposeB ? b.Cols : b.Rows;
        if (k != kOfB || c.Rows != m || c.Cols != n)
            throw new ArgumentException(
                $"Cannot multiply {Describe(a, transposeA)} by {Describe(b, transposeB)} into {c.Rows}x{c.Cols}.");

        if (!accumulate) c.Clear();
        if (m == 0 || n == 0 || k == 0) return;

        var left = new Operand(a.Data, transposeA ? 1 : a.Cols, transposeA ? a.Cols : 1);
        var right = new Operand(b.Data, transposeB ? 1 : b.Cols, transposeB ? b.Cols : 1);
        MultiplyAdd(left, right, c.Data, m, n, k);
    }

    private static string Describe(Matrix x, bool transposed) =>
        transposed ? $"{x.Rows}x{x.Cols}ᵀ" : $"{x.Rows}x{x.Cols}";

    /// <summary>Element (row, col) of an operand lives at row * RowStride + col * ColStride.</summary>
    private readonly record struct Operand(float[] Data, int RowStride, int ColStride)
    {
        public float At(int row, int col) => Data[row * RowStride + col * ColStride];
    }

    private static void MultiplyAdd(Operand a, Operand b, float[] c, int m, int n, int k)
    {
        int panels = (n + ColsPerKernel - 1) / ColsPerKernel;
        int rowBlocks = (m + RowsPerKernel - 1) / RowsPerKernel;
        float[] packedB = ArrayPool<float>.Shared.Rent(panels * ColsPerKernel * DepthBlock);
        try
        {
            for (int k0 = 0; k0 < k; k0 += DepthBlock)
            {
                int depth = Math.Min(DepthBlock, k - k0);
                PackB(b, packedB, k0, depth, n);
                int workers = (long)m * n * depth >= ParallelThreshold ? Math.Clamp(MaxThreads, 1, rowBlocks) : 1;
                if (workers == 1)
                {
                    RunRowBlocks(a, packedB, c, m, n, k0, depth, 0, rowBlocks);
                }
                else
                {
                    int k0Copy = k0;
                    Parallel.For(0, workers, w => RunRowBlocks(a, packedB, c, m, n, k0Copy, depth,
                        rowBlocks * w / workers, rowBlocks * (w + 1) / workers));
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(packedB);
        }
    }

    private static unsafe void RunRowBlocks(Operand a, float[] packedB, float[] c, int m, int n, int k0, int depth,
        int firstBlock, int endBlock)
    {
        float[] packedA = ArrayPool<float>.Shared.Rent(RowsPerKernel * DepthBlock);
        try
        {
            fixed (float* pa = packedA, pb = packedB, pc = c)
            {
                for (int block = firstBlock; block < endBlock; block++)
                {
                    int row0 = block * RowsPerKernel;
                    int rows = Math.Min(RowsPerKernel, m - row0);
                    PackA(a, packedA, row0, rows, k0, depth);
                    for (int col0 = 0; col0 < n; col0 += ColsPerKernel)
                    {
                        int cols = Math.Min(ColsPerKernel, n - col0);
                        Kernel(pa, pb + col0 * depth, depth, pc + row0 * n + col0, n, rows, cols);
                    }
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(packedA);
        }
    }

    /// <summary>Packs rows [row0, row0+rows) x depth of A as depth groups of 6 values, zero-padding missing rows.</summary>
    private static void PackA(Operand a, float[] packed, int row0, int rows, int k0, int depth)
    {
        for (int p = 0; p < depth; p++)
        {
            int offset = p * RowsPerKernel;
            for (int r = 0; r < RowsPerKernel; r++)
                packed[offset + r] = r < rows ? a.At(row0 + r, k0 + p) : 0f;
        }
    }

    /// <summary>Packs depth x n of B as panels of 16 columns, each panel depth-major, zero-padding the last panel.</summary>
    private static void PackB(Operand b, float[] packed, int k0, int depth, int n)
    {
        for (int col0 = 0; col0 < n; col0 += ColsPerKernel)
        {
            int cols = Math.Min(ColsPerKernel, n - col0);
            int panel = col0 * depth;
            for (int p = 0; p < depth; p++)
            {
                int offset = panel + p * ColsPerKernel;
                if (b.ColStride == 1 && cols == ColsPerKernel)
                {
                    b.Data.AsSpan((k0 + p) * b.RowStride + col0, ColsPerKernel).CopyTo(packed.AsSpan(offset));
                    continue;
                }
                for (int j = 0; j < ColsPerKernel; j++)
                    packed[offset + j] = j < cols ? b.At(k0 + p, col0 + j) : 0f;
            }
        }
    }

    /// <summary>
    /// C[rows x cols] += packed A (depth x 6) times packed B panel (depth x 16): 12 accumulators, two B vectors and one
    /// broadcast fill 15 of the 16 AVX registers, so every loaded value feeds several FMAs.
    /// </summary>
    private static unsafe void Kernel(float* a, float* b, int depth, float* c, int ldc, int rows, int cols)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < depth; p++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + 8);
            var broadcast = Vector256.Create(a[0]);
            c00 = Vector256.FusedMultiplyAdd(broadcast, b0, c00);
            c01 = Vector256.FusedMultiplyAdd(broadcast, b1, c01);
            broadcast = Vector256.Create(a[1]);
            c10 = Vector256.FusedMultiplyAdd(broadcast, b0, c10);
            c11 = Vector256.FusedMultiplyAdd(broadcast, b1, c11);
            broadcast = Vector256.Create(a[2]);
            c20 = Vector256.FusedMultiplyAdd(broadcast, b0, c20);
            c21 = Vector256.FusedMultiplyAdd(broadcast, b1, c21);
            broadcast = Vector256.Create(a[3]);
            c30 = Vector256.FusedMultiplyAdd(broadcast, b0, c30);
            c31 = Vector256.FusedMultiplyAdd(broadcast, b1, c31);
            broadcast = Vector256.Create(a[4]);
            c40 = Vector256.FusedMultiplyAdd(broadcast, b0, c40);
            c41 = Vector256.FusedMultiplyAdd(broadcast, b1, c41);
            broadcast = Vector256.Create(a[5]);
            c50 = Vector256.FusedMultiplyAdd(broadcast, b0, c50);
            c51 = Vector256.FusedMultiplyAdd(broadcast, b1, c51);
            a += RowsPerKernel;
            b += ColsPerKernel;
        }

        if (rows == RowsPerKernel && cols == ColsPerKernel)
        {
            AddTo(c, c00, c01);
            AddTo(c + ldc, c10, c11);
            AddTo(c + 2 * ldc, c20, c21);
            AddTo(c + 3 * ldc, c30, c31);
            AddTo(c + 4 * ldc, c40, c41);
            AddTo(c + 5 * ldc, c50, c51);
            return;
        }

        // Edge tile: spill the full tile and add back only the part inside C.
        float* tile = stackalloc float[RowsPerKernel * ColsPerKernel];
        c00.Store(tile); c01.Store(tile + 8);
        c10.Store(tile + 16); c11.Store(tile + 24);
        c20.Store(tile + 32); c21.Store(tile + 40);
        c30.Store(tile + 48); c31.Store(tile + 56);
        c40.Store(tile + 64); c41.Store(tile + 72);
        c50.Store(tile + 80); c51.Store(tile + 88);
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < cols; j++)
                c[r * ldc + j] += tile[r * ColsPerKernel + j];
    }

    private static unsafe void AddTo(float* row, Vector256<float> left, Vector256<float> right)
    {
        (Vector256.Load(row) + left).Store(row);
        (Vector256.Load(row + 8) + right).Store(row + 8);
    }
}
