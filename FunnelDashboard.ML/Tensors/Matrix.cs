namespace FunnelDashboard.ML.Tensors;

/// <summary>A dense, row-major matrix of floats: the one tensor shape every layer works on.</summary>
public sealed class Matrix
{
    public Matrix(int rows, int cols) : this(rows, cols, new float[checked(rows * cols)]) { }

    public Matrix(int rows, int cols, float[] data)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(cols);
        if (data.Length != rows * cols)
            throw new ArgumentException($"A {rows}x{cols} matrix needs {rows * cols} values, got {data.Length}.", nameof(data));
        Rows = rows;
        Cols = cols;
        Data = data;
    }

    public int Rows { get; }
    public int Cols { get; }
    public float[] Data { get; }

    public ref float this[int row, int col] => ref Data[row * Cols + col];

    public Span<float> Row(int row) => Data.AsSpan(row * Cols, Cols);

    public void Clear() => Array.Clear(Data);

    public Matrix Clone() => new(Rows, Cols, (float[])Data.Clone());

    public bool SameShape(Matrix other) => Rows == other.Rows && Cols == other.Cols;

    public override string ToString() => $"Matrix {Rows}x{Cols}";
}
