using System.Buffers.Binary;
using System.Text;
using FunnelDashboard.ML.Forecasting;
using FunnelDashboard.ML.IO;

namespace FunnelDashboard.Tests.ML;

/// <summary>The model file's checksum is the standard CRC-32, so other tools can verify a file (MODEL-FORMAT.md).</summary>
public class ChecksumTests
{
    [Fact]
    public void Crc32_gives_the_standard_check_values()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8)); // the catalogued check value of CRC-32/ISO-HDLC
        Assert.Equal(0u, Crc32.Compute([]));
        Assert.Equal(0x414FA339u, Crc32.Compute(Encoding.ASCII.GetBytes("The quick brown fox jumps over the lazy dog")));
    }

    [Fact]
    public void A_model_file_ends_with_the_crc32_of_its_payload()
    {
        var stream = new MemoryStream();
        ForecastModelFile.Save(QuickTraining.Train().Model, stream);
        var bytes = stream.ToArray();

        var payloadLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(6));
        Assert.Equal(10 + payloadLength + 4, bytes.Length);
        Assert.Equal(Crc32.Compute(bytes.AsSpan(10, payloadLength)), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(10 + payloadLength)));
    }
}
