using System.Text.RegularExpressions;

namespace Notices.Tests.Support;

/// <summary>
/// Evaluates an SPDX licence expression (as NuGet stores it in a nuspec) against the project's allow-list of permissive
/// licences. <c>A OR B</c> passes when either side passes, <c>A AND B</c> only when both do, AND binds tighter than OR,
/// and parentheses group. Everything not on the allow-list is denied.
/// </summary>
internal static partial class LicenceExpression
{
    /// <summary>
    /// Permissive licences that let the program be shipped (to a hospital, as a self-contained build) with no duty but
    /// keeping the copyright and licence notices. Matched case-insensitively, as SPDX ids are.
    /// </summary>
    /// <remarks>
    /// Denied by not being here, on purpose: the GPL family (GPL, AGPL; and LGPL too: its relinking and
    /// replace-the-library terms do not fit a self-contained or single-file .NET build, and would need legal review
    /// per package), SSPL, file-level copyleft (MPL-2.0, MS-RL, EPL), and every <c>LicenseRef-</c> (custom or
    /// commercial terms, as in "AGPL-3.0-only OR LicenseRef-Commercial" dual licences).
    /// </remarks>
    private static readonly HashSet<string> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        "MIT",
        "MIT-0", // MIT without even the notice condition.
        "Apache-2.0",
        "BSD-2-Clause",
        "BSD-3-Clause",
        "MS-PL",
        "PostgreSQL",
        "Unlicense",
        "ISC",
        "Zlib",
        "0BSD",
        "BSL-1.0", // Boost: permissive, the notice is only required with source copies.
    };

    public static IReadOnlyCollection<string> AllowedIds => Allowed;

    /// <summary>True when the expression is satisfied by allowed licences alone.</summary>
    /// <exception cref="FormatException">The expression is not a valid SPDX expression.</exception>
    public static bool IsAllowed(string expression)
    {
        var tokens = Tokenize(expression);
        var position = 0;
        var allowed = ParseOr(tokens, ref position, expression);
        if (position != tokens.Count)
        {
            throw new FormatException($"Unexpected '{tokens[position]}' in licence expression '{expression}'.");
        }

        return allowed;
    }

    /// <summary>True for a single licence id on the allow-list.</summary>
    public static bool IsAllowedId(string id)
    {
        // "X+" is "X or any later version": a later version is unknown, so it is not taken on trust.
        if (id.EndsWith('+') || IsCustomReference(id))
        {
            return false;
        }

        return Allowed.Contains(id);
    }

    private static bool ParseOr(List<string> tokens, ref int position, string expression)
    {
        var allowed = ParseAnd(tokens, ref position, expression);
        while (position < tokens.Count && IsOperator(tokens[position], "OR"))
        {
            position++;
            var right = ParseAnd(tokens, ref position, expression); // parsed in full: no short-circuit past bad syntax
            allowed = allowed || right;
        }

        return allowed;
    }

    private static bool ParseAnd(List<string> tokens, ref int position, string expression)
    {
        var allowed = ParseTerm(tokens, ref position, expression);
        while (position < tokens.Count && IsOperator(tokens[position], "AND"))
        {
            position++;
            var right = ParseTerm(tokens, ref position, expression);
            allowed = allowed && right;
        }

        return allowed;
    }

    private static bool ParseTerm(List<string> tokens, ref int position, string expression)
    {
        if (position >= tokens.Count)
        {
            throw new FormatException($"Licence expression '{expression}' ends where a licence was expected.");
        }

        var token = tokens[position++];
        if (token == "(")
        {
            var allowed = ParseOr(tokens, ref position, expression);
            if (position >= tokens.Count || tokens[position] != ")")
            {
                throw new FormatException($"Missing ')' in licence expression '{expression}'.");
            }

            position++;
            return allowed;
        }

        RequireId(token, expression);
        if (position < tokens.Count && IsOperator(tokens[position], "WITH"))
        {
            position++;
            if (position >= tokens.Count)
            {
                throw new FormatException($"Licence expression '{expression}' ends after WITH.");
            }

            var exception = tokens[position++];
            RequireId(exception, expression);

            // An SPDX exception only adds permissions to its licence (Classpath, LLVM), so "A WITH E" is as allowed as
            // A: GPL with a linking exception is still denied. A custom addition could add anything: denied.
            return IsAllowedId(token) && !IsCustomReference(exception) && !exception.EndsWith('+');
        }

        return IsAllowedId(token);
    }

    private static void RequireId(string token, string expression)
    {
        if (token is "(" or ")" || IsOperator(token, "AND") || IsOperator(token, "OR") || IsOperator(token, "WITH")
            || !IdPattern().IsMatch(token))
        {
            throw new FormatException($"'{token}' is not a licence id, in licence expression '{expression}'.");
        }
    }

    // SPDX allows the operators in upper case or in lower case.
    private static bool IsOperator(string token, string upperCase) =>
        token == upperCase || token == upperCase.ToLowerInvariant();

    private static bool IsCustomReference(string id) =>
        id.StartsWith("LicenseRef-", StringComparison.OrdinalIgnoreCase)
        || id.StartsWith("DocumentRef-", StringComparison.OrdinalIgnoreCase)
        || id.StartsWith("AdditionRef-", StringComparison.OrdinalIgnoreCase);

    private static List<string> Tokenize(string expression)
    {
        var tokens = new List<string>();
        var start = -1;
        for (var i = 0; i <= expression.Length; i++)
        {
            var c = i < expression.Length ? expression[i] : ' ';
            if (char.IsWhiteSpace(c) || c is '(' or ')')
            {
                if (start >= 0)
                {
                    tokens.Add(expression[start..i]);
                    start = -1;
                }

                if (c is '(' or ')')
                {
                    tokens.Add(c == '(' ? "(" : ")");
                }
            }
            else if (start < 0)
            {
                start = i;
            }
        }

        if (tokens.Count == 0)
        {
            throw new FormatException("The licence expression is empty.");
        }

        return tokens;
    }

    [GeneratedRegex(@"^(?:DocumentRef-[A-Za-z0-9.\-]+:)?[A-Za-z0-9][A-Za-z0-9.\-]*\+?$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
