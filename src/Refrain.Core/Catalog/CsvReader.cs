using System.Text;

namespace Refrain.Catalog;

/// <summary>RFC 4180 records: quoted fields may hold commas, quotes (doubled) and line breaks.</summary>
internal static class CsvReader
{
    /// <summary>Yields each record with the line number it starts on.</summary>
    public static IEnumerable<(int Line, List<string> Fields)> Read(TextReader reader)
    {
        var line = 0;
        var field = new StringBuilder();
        while (true)
        {
            var text = reader.ReadLine();
            if (text is null)
            {
                yield break;
            }

            line++;
            var start = line;
            var fields = new List<string>();
            var quoted = false;
            field.Clear();
            while (true)
            {
                for (var i = 0; i < text.Length; i++)
                {
                    var ch = text[i];
                    if (quoted)
                    {
                        if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i++;
                        }
                        else if (ch == '"')
                        {
                            quoted = false;
                        }
                        else
                        {
                            field.Append(ch);
                        }
                    }
                    else if (ch == '"' && field.Length == 0)
                    {
                        quoted = true;
                    }
                    else if (ch == ',')
                    {
                        fields.Add(field.ToString());
                        field.Clear();
                    }
                    else
                    {
                        field.Append(ch);
                    }
                }

                if (!quoted)
                {
                    break;
                }

                var next = reader.ReadLine();
                if (next is null)
                {
                    break;
                }

                line++;
                field.Append('\n');
                text = next;
            }

            fields.Add(field.ToString());
            if (fields.Count == 1 && fields[0].Length == 0)
            {
                continue;
            }

            yield return (start, fields);
        }
    }
}
