import CCairo

/// One cairo drawing context; destroyed with the object.
final class CairoContext {
    let pointer: OpaquePointer

    init(_ surface: CairoSurface) throws(SlideDocumentError) {
        pointer = cairo_create(surface.pointer)
        let status = cairo_status(pointer)
        if status != CAIRO_STATUS_SUCCESS {
            throw .cairo(String(cString: cairo_status_to_string(status)))
        }
    }

    deinit {
        cairo_destroy(pointer)
    }
}
