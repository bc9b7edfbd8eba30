using Scriban.Runtime;

namespace Notices.Letters.Templates;

/// <summary>
/// Makes a letter model read-only all the way down before it is merged. The letter, the email and the subject share one
/// model, so a template that could write <c>{{ letter.id = … }}</c> would make the email name another letter than the PDF.
/// A template's own variables go to a scope of their own (<see cref="CompiledTemplate.Render"/>).
/// </summary>
internal static class ReadOnlyModel
{
    public static ScriptObject Freeze(ScriptObject model)
    {
        Freeze((object)model);
        return model;
    }

    private static void Freeze(object? value)
    {
        switch (value)
        {
            case ScriptObject scope:
                foreach (var child in scope.Values)
                {
                    Freeze(child);
                }
                scope.IsReadOnly = true;
                break;
            case System.Collections.IList list:
                // The model's lists are ReadOnlyCollections (LetterModelBuilder); their items may be objects.
                foreach (var item in list)
                {
                    Freeze(item);
                }
                break;
        }
    }
}
