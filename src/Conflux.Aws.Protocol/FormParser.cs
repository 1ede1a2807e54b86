using System.Buffers;
using System.Text;

namespace Conflux.Aws.Protocol;

/// <summary>
/// Parses application/x-www-form-urlencoded bytes (a query-protocol body or URL query string) into
/// parameters. Strict: bad percent escapes and invalid UTF-8 are errors, never silently replaced.
/// </summary>
public static class FormParser
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static void Parse(ReadOnlySpan<byte> form, Dictionary<string, string> into)
    {
        while (!form.IsEmpty)
        {
            var amp = form.IndexOf((byte)'&');
            var pair = amp < 0 ? form : form[..amp];
            form = amp < 0 ? default : form[(amp + 1)..];
            if (pair.IsEmpty) continue;
            var eq = pair.IndexOf((byte)'=');
            var key = Decode(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? "" : Decode(pair[(eq + 1)..]);
            into[key] = value;
        }
    }

    public static void Parse(string query, Dictionary<string, string> into)
    {
        if (query.StartsWith('?')) query = query[1..];
        Parse(Encoding.ASCII.GetBytes(query), into);
    }

    private static string Decode(ReadOnlySpan<byte> encoded)
    {
        if (encoded.IndexOfAny((byte)'%', (byte)'+') < 0) return Utf8(encoded);
        var rented = ArrayPool<byte>.Shared.Rent(encoded.Length);
        try
        {
            var length = 0;
            for (var i = 0; i < encoded.Length; i++)
            {
                var b = encoded[i];
                if (b == '+')
                {
                    rented[length++] = (byte)' ';
                }
                else if (b == '%')
                {
                    if (i + 2 >= encoded.Length || Hex(encoded[i + 1]) < 0 || Hex(encoded[i + 2]) < 0)
                        throw CommonErrors.MalformedQueryString("Invalid percent-encoding in the request.");
                    rented[length++] = (byte)((Hex(encoded[i + 1]) << 4) | Hex(encoded[i + 2]));
                    i += 2;
                }
                else
                {
                    rented[length++] = b;
                }
            }
            return Utf8(rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static string Utf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw CommonErrors.MalformedQueryString("The request contains bytes that are not valid UTF-8.");
        }
    }

    private static int Hex(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };
}
