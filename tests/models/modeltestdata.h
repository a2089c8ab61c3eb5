#pragma once

// Shared by the tests of core/models (header-only: each tst_*.cpp is its own executable).

#include "../session/sessiontestdata.h"
#include "mews/webhookdecoder.h"
#include "session/analysedcapture.h"
#include "session/capturestore.h"
#include "session/sessionloader.h"
#include "testsupport.h"

#include <QAbstractItemModel>
#include <QDir>
#include <QList>
#include <QStringList>
#include <QTest>

namespace ModelTestData {

inline constexpr qint64 BaseUtcMs = 1714557600000; // 2024-05-01T10:00:00Z
inline const QByteArray Token = QByteArrayLiteral("s3cret-TOKEN-9f2c");

inline QByteArray headFor(const Capture &c) {
    QByteArray head = c.method + ' ' + c.target + ' ' + c.httpVersion + "\r\n";
    for (const HeaderField &field : c.headers)
        head += field.name + ": " + field.value + "\r\n";
    return head + "\r\n";
}

/// A request as the listener records it; id 0 (the journal or the test assigns it).
inline Capture webhook(const QByteArray &body, int n, const QByteArray &method = "POST") {
    Capture c;
    c.connectionId = quint64(n);
    c.sequence = 1;
    c.remoteAddress = QStringLiteral("127.0.0.1");
    c.remotePort = quint16(40000 + n % 20000);
    c.localPort = 8089;
    // Not in arrival order on purpose: sorting by time must differ from sorting by number.
    c.firstByteUtcMs = BaseUtcMs + qint64((n * 7919) % 1000) * 1000;
    c.completeUtcMs = c.firstByteUtcMs + 3;
    c.method = method;
    c.target = QByteArrayLiteral("/webhook?Token=") + Token;
    c.httpVersion = QByteArrayLiteral("HTTP/1.1");
    c.headers = {{"Host", "127.0.0.1:8089"},
                 {"Content-Type", "application/json; charset=utf-8"},
                 {"Content-Length", QByteArray::number(body.size())}};
    c.rawHead = headFor(c);
    c.body = body;
    c.response.status = 200;
    c.response.body = QByteArrayLiteral(R"({"ok":true})");
    c.response.sentUtcMs = c.completeUtcMs + 1;
    return c;
}

inline Capture rejected(int n, const QString &reason) {
    Capture c = webhook(QByteArray(), n, "GET");
    c.target = QByteArrayLiteral("/webhook?Token=wrong");
    c.headers = {{"Host", "localhost:8089"}, {"User-Agent", "probe/1.0"}};
    c.rawHead = headFor(c);
    c.rejection = reason;
    c.response.status = 401;
    return c;
}

using SessionTestData::general;

inline QStringList sampleFiles() {
    QStringList names;
    for (const QString &folder : {QStringLiteral("samples"), QStringLiteral("malformed")}) {
        const QDir dir(TestSupport::dataPath(folder));
        for (const QString &name : dir.entryList(
                 {QStringLiteral("*.json"), QStringLiteral("*.txt")}, QDir::Files, QDir::Name))
            names.append(folder + QLatin1Char('/') + name);
    }
    return names;
}

/// Every sample and malformed body, a plain-text one, a rejected probe and an unknown
/// discriminator: the variety the models must show. Ids 0.
inline QList<Capture> mixedCaptures() {
    QList<Capture> captures;
    int n = 1;
    for (const QString &file : sampleFiles())
        captures.append(webhook(TestSupport::readData(file), n++));
    Capture text = webhook(QByteArrayLiteral("caf\xc3\xa9 au lait\n"), n++);
    text.headers[1].value = QByteArrayLiteral("text/plain");
    text.rawHead = headFor(text);
    captures.append(text);
    captures.append(rejected(n++, QStringLiteral("401: the Token query parameter does not match")));
    captures.append(webhook(general({{"ReservationTeleported", "aa11"}, {"MessageAdded", "bb22"}},
                                    "851df8c8-0000-4000-8000-000000000001"),
                            n++));
    return captures;
}

using SessionTestData::analyse;

/// Analysed captures with ids from firstId on.
inline QList<AnalysedCapture> analysed(QList<Capture> captures, qint64 firstId = 1) {
    QList<AnalysedCapture> out;
    for (Capture &capture : captures) {
        capture.id = firstId++;
        out.append(analyse(capture));
    }
    return out;
}

/// Writes captures (ids assigned by the journal) and their analyses to a new session.
using SessionTestData::writeSession;

/// Replaces the store's contents with the session at path.
inline bool open(CaptureStore &store, const QString &path) {
    QString error;
    std::optional<LoadedSession> loaded = SessionLoader::load(path, {}, &error);
    if (!loaded || !store.adopt(std::move(*loaded), &error)) {
        qWarning("%s", qPrintable(error));
        return false;
    }
    return true;
}

/// Every display string a model shows, all columns, all rows (tree included).
inline QStringList allText(const QAbstractItemModel &model, const QModelIndex &parent = {},
                           const QList<int> &roles = {Qt::DisplayRole, Qt::ToolTipRole}) {
    QStringList texts;
    for (int row = 0; row < model.rowCount(parent); ++row) {
        for (int column = 0; column < model.columnCount(parent); ++column) {
            const QModelIndex index = model.index(row, column, parent);
            for (int role : roles)
                texts.append(index.data(role).toString());
            if (column == 0)
                texts.append(allText(model, index, roles));
        }
    }
    return texts;
}

} // namespace ModelTestData
