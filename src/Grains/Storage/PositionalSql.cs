using System.Text;

namespace Consultant.Grains.Storage;

/// <summary>
/// A statement's <c>@name</c> parameters written as PostgreSQL's own <c>$1</c>, <c>$2</c>…, once per call site. Npgsql
/// does the same for every execution of a statement with named parameters: it parses the text and builds the rewritten
/// one again each time, which was the largest single source of the silo's allocations (bench/NOTES.md, session 16).
/// With positional parameters only, Npgsql sends the text as it is. Names inside string literals, quoted identifiers,
/// comments and dollar-quoted bodies are left alone, as are operators that start with <c>@</c> (<c>@&gt;</c>,
/// <c>@@</c>). Anything this does not understand (a name the parameters do not have, a <c>$1</c> already there,
/// two statements in one text) is left to Npgsql as before.
/// </summary>
internal static class PositionalSql
{
    /// <param name="isParameter">Whether a name after <c>@</c> is one of the statement's parameters (any case).</param>
    /// <param name="order">The parameters' names in the order of their numbers.</param>
    public static bool TryRewrite(string sql, Func<string, bool> isParameter, out string rewritten, out IReadOnlyList<string> order)
    {
        var names = new List<string>();
        var text = new StringBuilder(sql.Length);
        var i = 0;
        rewritten = sql;
        order = names;
        while (i < sql.Length)
        {
            var c = sql[i];
            var skipped = c switch
            {
                '\'' => QuotedEnd(sql, i, '\'', backslashEscapes: i > 0 && sql[i - 1] is 'E' or 'e' && (i < 2 || !IsIdentifierPart(sql[i - 2]))),
                '"' => QuotedEnd(sql, i, '"', backslashEscapes: false),
                '-' when At(sql, i + 1, '-') => LineEnd(sql, i),
                '/' when At(sql, i + 1, '*') => BlockCommentEnd(sql, i),
                '$' when i == 0 || !IsIdentifierPart(sql[i - 1]) => DollarQuoteEnd(sql, i),
                _ => -1,
            };
            if (skipped == int.MaxValue)
            {
                return false; // something unclosed, or "$1" already there
            }

            if (skipped >= 0)
            {
                text.Append(sql, i, skipped - i);
                i = skipped;
                continue;
            }

            if (c == ';' && sql.AsSpan(i + 1).Trim().Length > 0)
            {
                return false; // two statements: positional parameters belong to one
            }

            if (c == '@' && (i == 0 || !IsIdentifierPart(sql[i - 1]) && sql[i - 1] != '@') && i + 1 < sql.Length && IsIdentifierStart(sql[i + 1]))
            {
                var end = i + 1;
                while (end < sql.Length && IsIdentifierPart(sql[end]))
                {
                    end++;
                }

                var name = sql[(i + 1)..end];
                if (!isParameter(name))
                {
                    return false;
                }

                var number = names.FindIndex(known => string.Equals(known, name, StringComparison.OrdinalIgnoreCase));
                if (number < 0)
                {
                    names.Add(name);
                    number = names.Count - 1;
                }

                text.Append('$').Append(number + 1);
                i = end;
                continue;
            }

            text.Append(c);
            i++;
        }

        rewritten = text.ToString();
        return true;
    }

    private static bool At(string sql, int index, char expected) => index < sql.Length && sql[index] == expected;

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_' || c == '$';

    /// <summary>Just past the closing quote (a doubled quote is one quote; E'' strings also escape with a backslash).</summary>
    private static int QuotedEnd(string sql, int start, char quote, bool backslashEscapes)
    {
        for (var i = start + 1; i < sql.Length; i++)
        {
            if (backslashEscapes && sql[i] == '\\')
            {
                i++;
            }
            else if (sql[i] == quote)
            {
                if (!At(sql, i + 1, quote))
                {
                    return i + 1;
                }

                i++;
            }
        }

        return int.MaxValue;
    }

    private static int LineEnd(string sql, int start)
    {
        var end = sql.IndexOf('\n', start);
        return end < 0 ? sql.Length : end;
    }

    /// <summary>Just past the comment's end; PostgreSQL's block comments nest.</summary>
    private static int BlockCommentEnd(string sql, int start)
    {
        var depth = 0;
        for (var i = start; i + 1 < sql.Length; i++)
        {
            if (sql[i] == '/' && sql[i + 1] == '*')
            {
                depth++;
                i++;
            }
            else if (sql[i] == '*' && sql[i + 1] == '/')
            {
                depth--;
                i++;
                if (depth == 0)
                {
                    return i + 1;
                }
            }
        }

        return int.MaxValue;
    }

    /// <summary>A $tag$…$tag$ body: just past its end; -1 when the $ starts none; MaxValue for "$1" (already positional).</summary>
    private static int DollarQuoteEnd(string sql, int start)
    {
        var i = start + 1;
        if (i < sql.Length && char.IsAsciiDigit(sql[i]))
        {
            return int.MaxValue;
        }

        while (i < sql.Length && sql[i] != '$' && (char.IsAsciiLetterOrDigit(sql[i]) || sql[i] == '_'))
        {
            i++;
        }

        if (i >= sql.Length || sql[i] != '$')
        {
            return -1;
        }

        var tag = sql[start..(i + 1)];
        var end = sql.IndexOf(tag, i + 1, StringComparison.Ordinal);
        return end < 0 ? int.MaxValue : end + tag.Length;
    }
}
