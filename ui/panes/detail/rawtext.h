#pragma once

#include "http/contentcoding.h"
#include "session/analysedcapture.h"

#include <QString>

/**
 * The text the Raw tab shows for a capture: the request head, then the body as
 * received (or indented, for valid JSON), with what a reader must know about it:
 * where strict JSON parsing failed, that a body was cut, shown as Latin-1 or as a
 * hex dump. Built off the GUI thread for big bodies; a plain value.
 */
struct RawText {
    enum class BodyForm : quint8 {
        Empty,
        Utf8,    ///< valid UTF-8 text
        Latin1,  ///< text that is not valid UTF-8, one character per byte
        HexDump, ///< binary: offset, 16 bytes in hex, and their printable ASCII
    };

    /// Bodies up to this size are shown whole; longer ones are cut with a notice.
    static constexpr qsizetype MaxShownBytes = 2 * 1024 * 1024;
    /// Binary bodies are dumped up to this many bytes.
    static constexpr qsizetype MaxDumpedBytes = 256 * 1024;
    /// Bodies above this size are neither highlighted nor indented (the GUI stays quick).
    static constexpr qsizetype MaxFormattedBytes = 2 * 1024 * 1024;

    QString text;          ///< head + body, lines ending in \n
    int bodyFirstLine = 0; ///< the line (block) where the body starts
    BodyForm form = BodyForm::Empty;
    bool pretty = false;          ///< the body is shown indented
    bool prettyAvailable = false; ///< the body is valid JSON small enough to indent
    bool highlight = false;       ///< small enough for syntax highlighting
    bool cut = false;             ///< only the first part of the body is shown
    QStringList notices;          ///< plain sentences for above the text
    /// The character of `text` where strict JSON parsing failed, or -1.
    qsizetype errorPosition = -1;
    QString errorText; ///< "Not valid JSON: … at line 17, column 5 (byte 482)", or "Not decoded: …"

    /// `pretty` asks for indented JSON where available; secrets are masked unless `revealed`.
    static RawText build(const AnalysedCapture &capture, bool revealed, bool pretty);
    /// The same, with the capture's body already decoded (ContentCoding::decode()).
    static RawText build(const AnalysedCapture &capture, const DecodedContent &content,
                         bool revealed, bool pretty);
    /// The classic hex dump: "00000000  7b 22 41 …  |{"A…|", 16 bytes a line.
    static QString hexDump(QByteArrayView bytes);
    /// Text that is not meant to be read as bytes (NUL or many control bytes).
    static bool looksBinary(QByteArrayView bytes);
};
