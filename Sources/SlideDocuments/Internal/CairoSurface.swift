import CCairo
import Glibc

/// One cairo surface (PDF or image); destroyed with the object.
final class CairoSurface {
    let pointer: OpaquePointer

    /// A PDF file at `path`, its first page `width` x `height` points.
    init(pdfAt path: String, width: Double, height: Double) throws(SlideDocumentError) {
        pointer = cairo_pdf_surface_create(path, width, height)
        try check()
    }

    /// A blank image surface of `width` x `height` pixels.
    init(imageWidth width: Int, height: Int) throws(SlideDocumentError) {
        pointer = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height))
        try check()
    }

    /// Attaches JPEG bytes as the surface's MIME data, so the PDF surface embeds them as they are
    /// (a DCTDecode image) instead of the surface's pixels. cairo keeps its own copy alive.
    func attachJPEG(_ jpeg: [UInt8]) throws(SlideDocumentError) {
        guard let copy = malloc(jpeg.count) else { throw .cairo("out of memory") }
        jpeg.withUnsafeBytes { copy.copyMemory(from: $0.baseAddress!, byteCount: jpeg.count) }
        let status = cairo_surface_set_mime_data(pointer, CAIRO_MIME_TYPE_JPEG,
                                                 copy.assumingMemoryBound(to: UInt8.self),
                                                 UInt(jpeg.count), { free($0) }, copy)
        if status != CAIRO_STATUS_SUCCESS {
            free(copy)
            throw .cairo(String(cString: cairo_status_to_string(status)))
        }
    }

    /// Writes everything out (for a PDF surface: closes the file) and reports the first error.
    func finish() throws(SlideDocumentError) {
        cairo_surface_finish(pointer)
        try check()
    }

    func check() throws(SlideDocumentError) {
        let status = cairo_surface_status(pointer)
        if status != CAIRO_STATUS_SUCCESS {
            throw .cairo(String(cString: cairo_status_to_string(status)))
        }
    }

    deinit {
        cairo_surface_destroy(pointer)
    }
}
