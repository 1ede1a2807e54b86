using System.Globalization;
using System.Text;

namespace Conflux.Aws.Sns.Filtering;

internal enum PolicyToken : byte
{
    None,
    StartObject,
    EndObject,
    StartArray,
    EndArray,
    FieldName,
    String,
    Number,
    True,
    False,
    Null,
    EndOfInput,
}

/// <summary>
/// A pull tokenizer over compact, already-validated JSON that advances its input position exactly as
/// Jackson's ReaderBasedJsonParser does, because SNS error messages carry Jackson's column at the moment
/// the rule compiler gave up. The quirks that matter: a field name's value is read ahead (numbers and
/// literals whole, strings only past the opening quote), and a string is consumed only when its text is
/// asked for or the next token is read.
/// </summary>
internal sealed class JacksonTokenizer(string text)
{
    private const int MaxSnippet = 500;

    private readonly List<Frame> _frames = [];
    private int _position;
    private PolicyToken _pending;
    private bool _stringIncomplete;
    private int _stringStart;
    private string? _tokenText;

    public PolicyToken Current { get; private set; }

    /// <summary>The last field name read (Jackson's getCurrentName right after a FIELD_NAME token).</summary>
    public string CurrentName { get; private set; } = "";

    /// <summary>Jackson's getCurrentLocation().getColumnNr() on a single-line source.</summary>
    public int Column => _position + 1;

    public PolicyToken Next()
    {
        _tokenText = null;
        if (Current == PolicyToken.FieldName)
        {
            var pending = _pending;
            _pending = PolicyToken.None;
            if (pending is PolicyToken.StartArray or PolicyToken.StartObject)
                _frames.Add(new Frame(pending == PolicyToken.StartObject));
            return Current = pending;
        }
        if (_stringIncomplete)
            SkipString();
        if (_position >= text.Length)
            return Current = PolicyToken.EndOfInput;

        var c = text[_position++];
        if (c is ']' or '}')
        {
            _frames.RemoveAt(_frames.Count - 1);
            return Current = c == ']' ? PolicyToken.EndArray : PolicyToken.EndObject;
        }
        if (ExpectComma())
            c = text[_position++];

        var inObject = _frames.Count > 0 && _frames[^1].IsObject;
        if (inObject)
        {
            CurrentName = ReadString(_position);
            _position++; // the colon; compact text has no whitespace around it
            c = text[_position++];
        }

        var token = ReadValueStart(c);
        if (inObject)
        {
            _pending = token;
            return Current = PolicyToken.FieldName;
        }
        if (token is PolicyToken.StartArray or PolicyToken.StartObject)
            _frames.Add(new Frame(token == PolicyToken.StartObject));
        return Current = token;
    }

    /// <summary>Jackson's getText(): finishing a string moves the position past its closing quote.</summary>
    public string GetText()
    {
        switch (Current)
        {
            case PolicyToken.String:
                if (_stringIncomplete)
                {
                    _stringIncomplete = false;
                    _tokenText = ReadString(_stringStart);
                }
                return _tokenText!;
            case PolicyToken.FieldName:
                return CurrentName;
            case PolicyToken.Number:
                return _tokenText!;
            case PolicyToken.True:
                return "true";
            case PolicyToken.False:
                return "false";
            case PolicyToken.Null:
                return "null";
            case PolicyToken.StartObject:
                return "{";
            case PolicyToken.EndObject:
                return "}";
            case PolicyToken.StartArray:
                return "[";
            case PolicyToken.EndArray:
                return "]";
            default:
                return "";
        }
    }

    /// <summary>What JsonParseException appends to its message: the source (up to 500 chars) and the column.</summary>
    public string Location()
    {
        var builder = new StringBuilder("\n at [Source: (String)\"");
        if (text.Length > MaxSnippet)
            builder.Append(text, 0, MaxSnippet).Append("\"[truncated ").Append(text.Length - MaxSnippet).Append(" chars]");
        else
            builder.Append(text).Append('"');
        return builder.Append("; line: 1, column: ").Append(Column.ToString(CultureInfo.InvariantCulture)).Append(']').ToString();
    }

    /// <summary>
    /// True when the current field's value (read ahead, not yet returned) is an array of at least two
    /// objects none of whose own keys is reserved: the only shape SNS treats as "$or" rather than as an
    /// ordinary attribute name. Does not move the tokenizer.
    /// </summary>
    public bool PendingValueIsOrArray(Func<string, bool> isReserved)
    {
        if (Current != PolicyToken.FieldName || _pending != PolicyToken.StartArray)
            return false;
        var p = _position;
        var objects = 0;
        if (text[p] == ']')
            return false;
        while (true)
        {
            if (text[p] != '{')
                return false;
            p++;
            if (text[p] == '}')
            {
                p++;
            }
            else
            {
                while (true)
                {
                    var name = ReadStringAt(p + 1, out p);
                    if (isReserved(name))
                        return false;
                    p = SkipValue(p + 1);
                    if (text[p++] == '}')
                        break;
                }
            }
            objects++;
            if (text[p] == ']')
                return objects >= 2;
            p++;
        }
    }

    private PolicyToken ReadValueStart(char c)
    {
        switch (c)
        {
            case '"':
                _stringIncomplete = true;
                _stringStart = _position;
                return PolicyToken.String;
            case '[':
                return PolicyToken.StartArray;
            case '{':
                return PolicyToken.StartObject;
            case 't':
                _position += 3;
                return PolicyToken.True;
            case 'f':
                _position += 4;
                return PolicyToken.False;
            case 'n':
                _position += 3;
                return PolicyToken.Null;
            default:
                var start = _position - 1;
                while (_position < text.Length && IsNumberChar(text[_position]))
                    _position++;
                _tokenText = text[start.._position];
                return PolicyToken.Number;
        }
    }

    private bool ExpectComma()
    {
        // The root context never expects a comma.
        if (_frames.Count == 0)
            return false;
        var frame = _frames[^1];
        frame.Index++;
        _frames[^1] = frame;
        return frame.Index > 0;
    }

    private void SkipString()
    {
        _stringIncomplete = false;
        _position = SkipStringBody(_stringStart);
    }

    /// <summary>Reads the string whose content starts at <paramref name="start"/>; leaves the position after its quote.</summary>
    private string ReadString(int start)
    {
        var value = ReadStringAt(start, out var end);
        _position = end;
        return value;
    }

    private string ReadStringAt(int start, out int end)
    {
        var close = SkipStringBody(start) - 1;
        end = close + 1;
        var raw = text.AsSpan(start, close - start);
        return raw.Contains('\\') ? Unescape(raw) : raw.ToString();
    }

    /// <summary>Index just past the closing quote of a string whose content starts at <paramref name="start"/>.</summary>
    private int SkipStringBody(int start)
    {
        var p = start;
        while (text[p] != '"')
            p += text[p] == '\\' ? 2 : 1;
        return p + 1;
    }

    private int SkipValue(int p)
    {
        switch (text[p])
        {
            case '"':
                return SkipStringBody(p + 1);
            case '{' or '[':
                var depth = 0;
                do
                {
                    var c = text[p];
                    if (c == '"')
                    {
                        p = SkipStringBody(p + 1);
                        continue;
                    }
                    if (c is '{' or '[')
                        depth++;
                    else if (c is '}' or ']')
                        depth--;
                    p++;
                }
                while (depth > 0);
                return p;
            default:
                while (p < text.Length && text[p] is not (',' or '}' or ']'))
                    p++;
                return p;
        }
    }

    private static bool IsNumberChar(char c) => char.IsAsciiDigit(c) || c is '-' or '+' or '.' or 'e' or 'E';

    private static string Unescape(ReadOnlySpan<char> raw)
    {
        var builder = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }
            var e = raw[++i];
            switch (e)
            {
                case 'n':
                    builder.Append('\n');
                    break;
                case 'r':
                    builder.Append('\r');
                    break;
                case 't':
                    builder.Append('\t');
                    break;
                case 'b':
                    builder.Append('\b');
                    break;
                case 'f':
                    builder.Append('\f');
                    break;
                case 'u':
                    builder.Append((char)int.Parse(raw.Slice(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
                    i += 4;
                    break;
                default:
                    builder.Append(e);
                    break;
            }
        }
        return builder.ToString();
    }

    private record struct Frame(bool IsObject)
    {
        public int Index { get; set; } = -1;
    }
}
