import CCairo
import Glibc

/// `slides.pdf`: one slide a page, each page the size of its slide (at 96 pixels per inch), the
/// JPEG embedded as it is, without decoding or re-encoding.
public enum SlidePDF {
    /// Points per pixel: slides are sized as a 96 dpi screen shows them.
    public static let pointsPerPixel = 72.0 / 96.0

    /// Writes the PDF to a temporary file beside `path`, then renames it into place, so a reader
    /// never sees half a document. Refuses an empty list (a PDF has at least one page) and
    /// bytes that are not a JPEG with a readable size.
    public static func write(slides: [[UInt8]], title: String, to path: String) throws(SlideDocumentError) {
        guard !slides.isEmpty else { throw .noSlides }
        let infos = try slides.enumerated().map { page, jpeg throws(SlideDocumentError) in
            guard let info = JPEGInfo(jpeg) else { throw SlideDocumentError.notJPEG(page: page + 1) }
            return info
        }
        let temporary = temporaryPath(for: path)
        do {
            try render(slides, infos, title: title, to: temporary)
        } catch {
            unlink(temporary)
            throw error
        }
        if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw .cannotWrite(path: path, reason: reason)
        }
    }

    private static func render(_ slides: [[UInt8]], _ infos: [JPEGInfo], title: String,
                               to path: String) throws(SlideDocumentError) {
        let pdf = try CairoSurface(pdfAt: path, width: Double(infos[0].width) * pointsPerPixel,
                                   height: Double(infos[0].height) * pointsPerPixel)
        cairo_pdf_surface_set_metadata(pdf.pointer, CAIRO_PDF_METADATA_TITLE, title)
        cairo_pdf_surface_set_metadata(pdf.pointer, CAIRO_PDF_METADATA_CREATOR, "pexrtmp")
        let context = try CairoContext(pdf)
        for (jpeg, info) in zip(slides, infos) {
            // Sets this page's size; allowed before anything is drawn on the page.
            cairo_pdf_surface_set_size(pdf.pointer, Double(info.width) * pointsPerPixel,
                                       Double(info.height) * pointsPerPixel)
            let image = try CairoSurface(imageWidth: info.width, height: info.height)
            try image.attachJPEG(jpeg)
            cairo_save(context.pointer)
            cairo_scale(context.pointer, pointsPerPixel, pointsPerPixel)
            cairo_set_source_surface(context.pointer, image.pointer, 0, 0)
            cairo_paint(context.pointer)
            cairo_restore(context.pointer)
            cairo_show_page(context.pointer)
        }
        try pdf.finish()
    }

    private static func temporaryPath(for path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return ".\(path).tmp" }
        return String(path[...slash]) + "." + String(path[path.index(after: slash)...]) + ".tmp"
    }
}
