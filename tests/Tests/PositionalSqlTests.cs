using Consultant.Grains.Storage;

namespace Consultant.Tests;

/// <summary>
/// A shared statement's <c>@name</c> parameters become <c>$1</c>, <c>$2</c>… once per call site (Npgsql then sends the
/// text as it is); what only looks like a parameter is left alone, and what is not understood is left to Npgsql.
/// </summary>
public sealed class PositionalSqlTests
{
    private static readonly HashSet<string> Known = new(["consultantId", "phone", "at", "attempts", "tag"], StringComparer.OrdinalIgnoreCase);

    [Test]
    public void Each_name_gets_one_number_in_order_of_first_use_whatever_its_case()
    {
        var sql = "UPDATE t SET at = @at, attempts = @Attempts WHERE consultant_id = @consultantId AND phone = @phone AND x = @consultantid::uuid";

        Assert.That(PositionalSql.TryRewrite(sql, Known.Contains, out var rewritten, out var order), Is.True);
        Assert.That(rewritten, Is.EqualTo("UPDATE t SET at = $1, attempts = $2 WHERE consultant_id = $3 AND phone = $4 AND x = $3::uuid"));
        Assert.That(order, Is.EqualTo(new[] { "at", "Attempts", "consultantId", "phone" }));
    }

    [Test]
    public void Strings_identifiers_comments_dollar_bodies_and_operators_keep_their_at_signs()
    {
        var sql = """
            SELECT 'mail @at home', E'it\'s @at', "col@at", tags @> ARRAY[@tag], doc @@ q, a@at -- not @at
            /* nor @at /* nested @at */ still not @at */ FROM f($body$ @at $body$, $$ @at $$) WHERE b = @at;
            """;

        Assert.That(PositionalSql.TryRewrite(sql, Known.Contains, out var rewritten, out var order), Is.True);
        Assert.That(rewritten, Is.EqualTo("""
            SELECT 'mail @at home', E'it\'s @at', "col@at", tags @> ARRAY[$1], doc @@ q, a@at -- not @at
            /* nor @at /* nested @at */ still not @at */ FROM f($body$ @at $body$, $$ @at $$) WHERE b = $2;
            """));
        Assert.That(order, Is.EqualTo(new[] { "tag", "at" }));
    }

    [TestCase("SELECT @unknown", TestName = "A name the parameters do not have")]
    [TestCase("SELECT $1, @at", TestName = "A positional parameter already there")]
    [TestCase("UPDATE a SET x = @at; UPDATE b SET y = @at", TestName = "Two statements")]
    [TestCase("SELECT 'unclosed @at", TestName = "An unclosed string")]
    public void What_it_does_not_understand_is_left_to_Npgsql(string sql)
    {
        Assert.That(PositionalSql.TryRewrite(sql, Known.Contains, out var rewritten, out _), Is.False);
        Assert.That(rewritten, Is.EqualTo(sql));
    }
}
