using QRCoder;

namespace Notices.Letters.Layout;

/// <summary>The module matrix of a QR code (with its quiet zone), from QRCoder; drawn later as vector squares.</summary>
public static class QrMatrix
{
    public static IReadOnlyList<bool[]> Create(string payload)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        var rows = new List<bool[]>(data.ModuleMatrix.Count);
        foreach (var row in data.ModuleMatrix)
        {
            var modules = new bool[row.Length];
            for (var i = 0; i < row.Length; i++)
            {
                modules[i] = row[i];
            }

            rows.Add(modules);
        }

        return rows;
    }
}
