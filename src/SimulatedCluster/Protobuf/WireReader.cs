using System.Text;
using Orchestrator.SimulatedCluster.Api;

namespace Orchestrator.SimulatedCluster.Protobuf;

/// <summary>The protobuf wire format: tags, varints, length-delimited bytes and fixed-size values.</summary>
public sealed class WireReader(byte[] buffer)
{
    private int _position;

    public bool End => _position >= buffer.Length;

    public (int Number, int WireType) Tag()
    {
        var tag = Varint();
        return ((int)(tag >> 3), (int)(tag & 7));
    }

    public ulong Varint()
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_position >= buffer.Length)
                throw Truncated();
            var b = buffer[_position++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
                return result;
        }
        throw ApiException.BadRequest("the protobuf body has a malformed varint");
    }

    public byte[] Bytes()
    {
        var length = (int)Varint();
        if (length < 0 || _position + length > buffer.Length)
            throw Truncated();
        var bytes = buffer.AsSpan(_position, length).ToArray();
        _position += length;
        return bytes;
    }

    public string String() => Encoding.UTF8.GetString(Bytes());

    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case 0: Varint(); break;
            case 1: _position += 8; break;
            case 2: Bytes(); break;
            case 5: _position += 4; break;
            default: throw ApiException.BadRequest($"the protobuf body has an unknown wire type {wireType}");
        }
        if (_position > buffer.Length)
            throw Truncated();
    }

    private static ApiException Truncated() => ApiException.BadRequest("the protobuf body is truncated");
}
