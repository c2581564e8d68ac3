namespace Portal.Core.Documents;

/// <summary>What in an uploaded file would act on its own once an official opens it; such a file is refused.</summary>
public enum ActiveContent
{
    None,

    /// <summary>PDF JavaScript (/JavaScript, /JS), wherever it hangs: /OpenAction, /AA, the document's name tree.</summary>
    Script,

    /// <summary>A PDF /Launch action: starts a program or opens another file.</summary>
    Launch,

    /// <summary>Files carried inside a PDF (/EmbeddedFile, /EmbeddedFiles, /EF, file-attachment annotations, /GoToE into one).</summary>
    EmbeddedFile,

    /// <summary>PDF multimedia that runs its own code (/RichMedia, /Rendition).</summary>
    Multimedia,

    /// <summary>An XFA form, which has its own scripting.</summary>
    XfaForm,

    /// <summary>A PDF object stream that cannot be looked into: encrypted, damaged, in an unusual filter, or inflating past the bound.</summary>
    Uninspectable,

    /// <summary>Office macros or ActiveX controls (vbaProject.bin, a macro-enabled content type).</summary>
    Macro,

    /// <summary>An Office relationship that reaches outside the file (a remote or local template, an OLE link, a file:// link).</summary>
    ExternalLink,

    /// <summary>An object or package embedded in an Office file (word/embeddings/…), run by another program when opened.</summary>
    EmbeddedObject,

    /// <summary>A Word field that runs a command or fetches outside content when updated (DDE, DDEAUTO, INCLUDETEXT…).</summary>
    ActiveField,
}

public static class ActiveContentAdvice
{
    /// <summary>The refusal and what to do instead, without the file's name (the caller puts it in front).</summary>
    public static (string Vietnamese, string English) For(ActiveContent found) => found switch
    {
        ActiveContent.None => throw new ArgumentOutOfRangeException(nameof(found), "Nothing was found to refuse."),
        ActiveContent.Uninspectable => (
            "Tệp PDF được mã hóa hoặc nén theo cách không kiểm tra được nên không được nhận. Vui lòng in lại ra PDF (Print to PDF) rồi tải lên.",
            "The PDF is encrypted or compressed in a way that cannot be checked, and is not accepted. Print it to a new PDF (Print to PDF) and upload that."),
        ActiveContent.Macro or ActiveContent.ExternalLink or ActiveContent.EmbeddedObject or ActiveContent.ActiveField => (
            "Tệp Word có macro, liên kết tới mẫu hoặc tệp bên ngoài, hoặc đối tượng nhúng nên không được nhận. "
                + "Vui lòng lưu lại thành tệp DOCX thông thường (không macro, không liên kết mẫu bên ngoài) hoặc in ra PDF rồi tải lên.",
            "The Word file contains macros, links to an outside template or file, or embedded objects, and is not accepted. "
                + "Save it again as a plain DOCX (no macros, no outside template) or print it to PDF, then upload that."),
        _ => (
            "Tệp PDF có mã chạy tự động (JavaScript), lệnh mở chương trình hoặc tệp đính kèm bên trong nên không được nhận. "
                + "Vui lòng in lại ra PDF (Print to PDF) rồi tải lên.",
            "The PDF contains scripts, a command that starts a program, or embedded files, and is not accepted. "
                + "Print it to a new PDF (Print to PDF) and upload that."),
    };
}
