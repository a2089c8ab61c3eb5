#pragma once

// Shared by the session tests (header-only: each tst_*.cpp is its own executable).

#include "capture/bodydigest.h"
#include "mews/webhookdecoder.h"
#include "session/analysedcapture.h"
#include "session/captureanalyser.h"
#include "session/capturejournal.h"
#include "session/sqlitedatabase.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QList>

#include <functional>

namespace SessionTestData {

inline constexpr qint64 BaseUtcMs = 1714557600000; // 2024-05-01T10:00:00Z

inline QByteArray headFor(const QByteArray &method, const QByteArray &target,
                          const QByteArray &version, const HeaderList &headers) {
    QByteArray head = method + ' ' + target + ' ' + version + "\r\n";
    for (const HeaderField &field : headers)
        head += field.name + ": " + field.value + "\r\n";
    return head + "\r\n";
}

/// A webhook as the listener would record it, with its response filled in.
inline Capture
webhook(const QByteArray &body, int n,
        const QByteArray &target = QByteArrayLiteral("/webhook?Token=s3cret-TOKEN-9f2c")) {
    Capture c;
    c.connectionId = quint64(n);
    c.sequence = 1;
    c.remoteAddress = QStringLiteral("127.0.0.1");
    c.remotePort = quint16(40000 + n % 20000);
    c.localPort = 8089;
    c.firstByteUtcMs = BaseUtcMs + qint64(n) * 1000;
    c.completeUtcMs = c.firstByteUtcMs + 3;
    c.method = QByteArrayLiteral("POST");
    c.target = target;
    c.httpVersion = QByteArrayLiteral("HTTP/1.1");
    c.headers = {{"Host", "127.0.0.1:8089"},
                 {"Content-Type", "application/json; charset=utf-8"},
                 {"Content-Length", QByteArray::number(body.size())}};
    c.rawHead = headFor(c.method, c.target, c.httpVersion, c.headers);
    c.body = body;
    c.response.status = 200;
    c.response.headers = {{"Content-Type", "application/json"}, {"Content-Length", "11"}};
    c.response.body = QByteArrayLiteral(R"({"ok":true})");
    c.response.sentUtcMs = c.completeUtcMs + 1;
    return c;
}

/// Captures that stress the format: binary body, non-UTF-8 header, rejection, chunked.
inline QList<Capture> oddCaptures() {
    QList<Capture> odd;
    Capture binary = webhook(QByteArray("\x00\x01\xff\xfe{\"a\":1}\x00", 12), 900);
    binary.headers[1].value = QByteArrayLiteral("application/octet-stream");
    binary.rawHead = headFor(binary.method, binary.target, binary.httpVersion, binary.headers);
    odd.append(binary);

    Capture latin1 = webhook(QByteArrayLiteral("plain text body\n"), 901, "/hook/caf\xe9?x=1");
    latin1.headers.append(HeaderField{"X-Note", "d\xe9j\xe0 vu"});
    latin1.headers.append(HeaderField{"X-Empty", ""});
    latin1.rawHead = headFor(latin1.method, latin1.target, latin1.httpVersion, latin1.headers);
    odd.append(latin1);

    Capture rejected = webhook(QByteArray(), 902, "/webhook?Token=wrong");
    rejected.method = QByteArrayLiteral("GET");
    rejected.headers = {{"Host", "localhost:8089"}, {"User-Agent", "probe/1.0"}};
    rejected.rawHead =
        headFor(rejected.method, rejected.target, rejected.httpVersion, rejected.headers);
    rejected.rejection = QStringLiteral("401: the Token query parameter does not match");
    rejected.response = {
        401, {{"Content-Type", "text/plain"}}, "unauthorized\n", rejected.completeUtcMs};
    odd.append(rejected);

    Capture chunked =
        webhook(TestSupport::readData(QStringLiteral("samples/general-CustomerAdded.json")), 903);
    chunked.headers = {{"Host", "127.0.0.1:8089"},
                       {"Transfer-Encoding", "chunked"},
                       {"Content-Type", "application/json"}};
    chunked.chunked = true;
    chunked.trailers = {{"X-Checksum", "abc"}};
    chunked.rawHead = headFor(chunked.method, chunked.target, chunked.httpVersion, chunked.headers);
    odd.append(chunked);

    // Nested beyond the decoder's limit: kind too-deep.
    odd.append(webhook(QByteArray(2000, '[') + QByteArray(2000, ']'), 904));
    return odd;
}

/// Every sample and malformed body from tests/data.
/// A General webhook body with the given (discriminator, entity id) events.
inline QByteArray general(const QList<std::pair<QByteArray, QByteArray>> &events,
                          const QByteArray &enterprise = "3b0f6c1e-5d2a-4f7e-9a41-6c2d8e0b7f15") {
    QByteArray body = QByteArrayLiteral(R"({"EnterpriseId":")") + enterprise +
                      R"(","IntegrationId":"0c9a7e52-8b1d-4e63-a0f4-2d7b5c19e8a6","Events":[)";
    for (qsizetype i = 0; i < events.size(); ++i) {
        if (i > 0)
            body += ',';
        body += QByteArrayLiteral(R"({"Discriminator":")") + events.at(i).first +
                R"(","Value":{"Id":")" + events.at(i).second + R"("}})";
    }
    return body + "]}";
}

inline QList<QByteArray> sampleBodies() {
    QList<QByteArray> bodies;
    for (const QString &folder : {QStringLiteral("samples"), QStringLiteral("malformed")}) {
        const QDir dir(TestSupport::dataPath(folder));
        for (const QString &name : dir.entryList(
                 {QStringLiteral("*.json"), QStringLiteral("*.txt")}, QDir::Files, QDir::Name))
            bodies.append(TestSupport::readData(folder + QLatin1Char('/') + name));
    }
    return bodies;
}

/// Sample webhooks plus the odd captures, numbered from 1 (ids not assigned yet).
inline QList<Capture> mixedCaptures() {
    QList<Capture> captures;
    int n = 1;
    for (const QByteArray &body : sampleBodies())
        captures.append(webhook(body, n++));
    captures.append(oddCaptures());
    return captures;
}

inline AnalysedCapture analyse(const Capture &capture) {
    static const CaptureAnalyser analyser; // as every stage of the app analyses
    return analyser.analyse(capture);
}

inline QList<AnalysedCapture> analyse(const QList<Capture> &captures) {
    QList<AnalysedCapture> analysed;
    for (const Capture &capture : captures)
        analysed.append(analyse(capture));
    return analysed;
}

/// Writes a session file as the live pipeline would: commits the captures (which assigns
/// their ids), stores the analyses that keep() accepts (all when it is empty, so a test
/// can leave some for the loader to find missing) and closes the file. Returns every
/// analysis, stored or not. Aborts the test on a storage error.
inline QList<AnalysedCapture>
writeSession(const QString &path, QList<Capture> captures,
             const std::function<bool(const AnalysedCapture &)> &keep = {}) {
    CaptureJournal journal;
    QString error;
    if (!journal.open(path, SessionFile::Durability::Normal, &error) ||
        !journal.commit(captures, &error))
        qFatal("%s", qPrintable(error));
    const QList<AnalysedCapture> analysed = analyse(captures);
    QList<AnalysedCapture> stored;
    for (const AnalysedCapture &capture : analysed) {
        if (!keep || keep(capture))
            stored.append(capture);
    }
    journal.addAnalyses(stored);
    if (!journal.close(&error))
        qFatal("%s", qPrintable(error));
    return analysed;
}

/// Captures in the file without an analysis row (the missing_analyses view), or -1.
inline qint64 unanalysedCount(const QString &path) {
    SqliteDatabase db;
    QString error;
    if (!db.open(path, SqliteDatabase::Mode::ReadOnly, &error))
        return -1;
    return db.queryInt("SELECT count(*) FROM missing_analyses", -1, &error);
}

/// The page size of the session files the app writes.
inline constexpr qint64 SessionPageSize = 8192;

struct Leaf {
    qint64 page = 0;
    qint64 firstKey = 0; ///< keys are 1, 2, 3, ... so a leaf's follow from the ones before
    qint64 lastKey = 0;
};

/// Leaf pages of table, in key order (dbstat lists a b-tree's pages in the order it
/// walks them).
inline QList<Leaf> leafPages(const QString &path, const char *table) {
    SqliteDatabase db;
    QString error;
    QList<Leaf> pages;
    if (!db.open(path, SqliteDatabase::Mode::ReadOnly, &error))
        return pages;
    SqliteStatement query = db.prepare("SELECT pageno, ncell FROM dbstat WHERE name = ?1 AND "
                                       "pagetype = 'leaf' ORDER BY path",
                                       &error);
    query.bindText(1, QString::fromLatin1(table));
    qint64 keys = 0;
    while (query.step() == SqliteStatement::Step::Row) {
        pages.append({query.columnInt(0), keys + 1, keys + query.columnInt(1)});
        keys += query.columnInt(1);
    }
    return pages;
}

/// Overwrites one page with bytes no b-tree page can start with.
inline bool damagePage(const QString &path, qint64 page) {
    QFile file(path);
    if (!file.open(QIODevice::ReadWrite) || !file.seek((page - 1) * SessionPageSize))
        return false;
    return file.write(QByteArray(SessionPageSize, '\xee')) == SessionPageSize;
}

} // namespace SessionTestData
