import Foundation
import SlideDocuments

extension SlideArchiver {
    /// Each slide's duration: until the next slide or the next stop (presentation end, archive
    /// end), whichever comes first.
    func slidesWithDurations() -> [SlideCatalog.Slide] {
        var slides = catalog.slides
        for index in slides.indices {
            let start = slides[index].time
            var end = stops.first { $0 >= start }
            if index + 1 < slides.count { end = min(end ?? .infinity, slides[index + 1].time) }
            slides[index].duration = end.map { Self.rounded(max(0, $0 - start)) }
        }
        return slides
    }

    /// Rewrites `slides.json` atomically.
    func writeCatalog() throws {
        try AtomicFile.write(currentCatalog().encoded(), to: folder.appendingPathComponent("slides.json"))
    }

    /// `index.html` always; `slides.pdf` when there is at least one slide.
    func writeDocuments() throws {
        let slides = slidesWithDurations()
        let links = options.recordingFolder.flatMap { RecordingLinks(recordingFolder: $0) }
        let entries = slides.map { slide in
            SlideIndexPage.Entry(number: slide.number, image: slide.file, time: slide.time, wallClock: slide.wall,
                                 duration: slide.duration, presenterName: slide.presenterName,
                                 recordingLink: links?.link(at: slide.time), width: slide.width, height: slide.height)
        }
        let started = "Started \(catalog.startedAt)"
        let page = SlideIndexPage(title: options.title, subtitle: started, entries: entries,
                                  pdfLink: slides.isEmpty ? nil : "slides.pdf")
        try AtomicFile.write(Data(page.render().utf8), to: folder.appendingPathComponent("index.html"))
        guard !slides.isEmpty else { return }
        var images: [[UInt8]] = []
        for slide in slides {
            images.append([UInt8](try Data(contentsOf: folder.appendingPathComponent(slide.file))))
        }
        try SlidePDF.write(slides: images, title: options.title, to: folder.appendingPathComponent("slides.pdf").path)
    }
}
