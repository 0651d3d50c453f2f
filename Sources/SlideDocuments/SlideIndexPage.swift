/// `index.html`: a page that shows every slide in order with its time, presenter and, when a
/// recording exists, a link into the recording at that moment. Self-contained: styles inline,
/// images by relative path, no fonts, scripts or anything else from the network.
///
/// Once every image has loaded or failed, the page sets `data-images-loaded` and
/// `data-images-failed` on `<body>` (and logs a console error per failed image), so a headless
/// browser can check it.
public struct SlideIndexPage: Sendable {
    public struct Entry: Sendable, Equatable {
        /// 1-based position.
        public var number: Int
        /// The image, relative to the page (e.g. `0003-00m42s.jpg`).
        public var image: String
        /// Seconds from the start of the recording (or of the archive).
        public var time: Double
        /// Wall-clock time as text (ISO 8601), shown as a tooltip.
        public var wallClock: String?
        /// How long the slide stayed up, when known.
        public var duration: Double?
        public var presenterName: String?
        /// Relative link into the recording at this moment (`../main/000001.mp4#t=12.5`).
        public var recordingLink: String?
        public var width: Int?
        public var height: Int?

        public init(number: Int, image: String, time: Double, wallClock: String? = nil,
                    duration: Double? = nil, presenterName: String? = nil,
                    recordingLink: String? = nil, width: Int? = nil, height: Int? = nil) {
            self.number = number
            self.image = image
            self.time = time
            self.wallClock = wallClock
            self.duration = duration
            self.presenterName = presenterName
            self.recordingLink = recordingLink
            self.width = width
            self.height = height
        }
    }

    public var title: String
    /// One line under the title (e.g. the meeting's start time).
    public var subtitle: String?
    public var entries: [Entry]
    /// Link to the PDF, relative to the page; nil hides it.
    public var pdfLink: String?

    public init(title: String, subtitle: String? = nil, entries: [Entry], pdfLink: String? = "slides.pdf") {
        self.title = title
        self.subtitle = subtitle
        self.entries = entries
        self.pdfLink = pdfLink
    }

    public func render() -> String {
        var html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self' file:; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
        <title>\(HTMLText.escape(title))</title>
        <style>\(Self.style)</style>
        </head>
        <body data-images-total="\(entries.count)">
        <header><h1>\(HTMLText.escape(title))</h1>
        """
        if let subtitle { html += "\n<p class=\"sub\">\(HTMLText.escape(subtitle))</p>" }
        let count = entries.count == 1 ? "1 slide" : "\(entries.count) slides"
        html += "\n<p class=\"sub\">\(count)"
        if let pdfLink, !entries.isEmpty {
            html += " · <a href=\"\(HTMLText.relativeURL(pdfLink))\">PDF</a>"
        }
        html += "</p></header>\n<main>\n"
        if entries.isEmpty { html += "<p class=\"empty\">No slides were shown.</p>\n" }
        for entry in entries { html += Self.figure(entry) }
        html += "</main>\n<script>\(Self.script)</script>\n</body>\n</html>\n"
        return html
    }

    private static func figure(_ entry: Entry) -> String {
        let clock = HTMLText.clock(entry.time)
        var size = ""
        if let width = entry.width, let height = entry.height {
            size = " width=\"\(width)\" height=\"\(height)\""
        }
        var caption = "<span class=\"n\">\(entry.number)</span> "
        let wall = entry.wallClock.map { " title=\"\(HTMLText.escape($0))\"" } ?? ""
        caption += "<time\(wall)>\(clock)</time>"
        if let duration = entry.duration { caption += " <span class=\"d\">shown \(HTMLText.span(duration))</span>" }
        if let name = entry.presenterName, !name.isEmpty {
            caption += " <span class=\"p\">\(HTMLText.escape(name))</span>"
        }
        if let link = entry.recordingLink {
            caption += " <a class=\"play\" href=\"\(HTMLText.relativeURL(link))\">play from \(clock)</a>"
        }
        return """
        <figure id="slide-\(entry.number)">
        <a href="\(HTMLText.relativeURL(entry.image))"><img class="slide" src="\(HTMLText.relativeURL(entry.image))" alt="Slide \(entry.number) at \(clock)"\(size)></a>
        <figcaption>\(caption)</figcaption>
        </figure>

        """
    }

    private static let style = """
    body{margin:0;font:15px/1.4 system-ui,sans-serif;background:#f4f4f4;color:#222}\
    header{padding:1em 1.5em;background:#222;color:#eee}h1{margin:0;font-size:1.3em}\
    .sub{margin:.3em 0 0;color:#bbb}header a{color:#9cf}\
    main{display:grid;grid-template-columns:repeat(auto-fill,minmax(22em,1fr));gap:1.2em;padding:1.5em}\
    figure{margin:0;background:#fff;border-radius:6px;box-shadow:0 1px 3px #0003;overflow:hidden}\
    img.slide{display:block;width:100%;height:auto;background:#ddd}\
    figcaption{padding:.5em .8em}.n{font-weight:bold}.d,.p{color:#666}.p::before{content:"· "}\
    a.play{float:right}.empty{color:#666}\
    @media print{header{background:none;color:#000}main{display:block}figure{break-inside:avoid;margin-bottom:1em;box-shadow:none}}
    """

    private static let script = """
    (function(){var imgs=document.querySelectorAll('img.slide');\
    function report(){var loaded=0,failed=0;for(var i=0;i<imgs.length;i++){\
    if(imgs[i].complete&&imgs[i].naturalWidth>0){loaded++}else{failed++;\
    console.error('slide image did not load: '+imgs[i].getAttribute('src'))}}\
    document.body.setAttribute('data-images-loaded',String(loaded));\
    document.body.setAttribute('data-images-failed',String(failed))}\
    if(document.readyState==='complete'){report()}else{window.addEventListener('load',report)}})();
    """
}
