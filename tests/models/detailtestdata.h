#pragma once

// Shared by the detail model tests (header-only: each tst_*.cpp is its own executable).

#include "capture/bodydigest.h"
#include "mews/jsonpath.h"
#include "mews/webhookdecoder.h"
#include "models/jsonbody.h"
#include "session/analysedcapture.h"
#include "session/captureanalyser.h"
#include "session/capturejournal.h"
#include "testsupport.h"

#include <QAbstractItemModel>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

#include <functional>

namespace DetailTestData {

/// "samples/general-mixed.json", ... for every file of a tests/data folder.
inline QStringList files(const QString &folder, const QString &pattern) {
    QStringList names;
    const QDir dir(TestSupport::dataPath(folder));
    for (const QString &name : dir.entryList({pattern}, QDir::Files, QDir::Name))
        names.append(folder + QLatin1Char('/') + name);
    return names;
}

inline QStringList bodyFiles() {
    return files(QStringLiteral("samples"), QStringLiteral("*.json")) +
           files(QStringLiteral("malformed"), QStringLiteral("*.txt"));
}

inline MewsAnalysis decode(const QByteArray &body) {
    static const WebhookDecoder decoder;
    return decoder.decode(body, "application/json");
}

/// A sample with the value at `path` replaced (or removed, when `value` is undefined).
inline QByteArray mutated(const QString &sample, const QString &path, const QJsonValue &value) {
    const QJsonObject root = QJsonDocument::fromJson(TestSupport::readData(sample)).object();
    bool ok = false;
    const QList<JsonPathStep> steps = JsonPath::parse(path, &ok);
    Q_ASSERT(ok && !steps.isEmpty());
    // Rebuild the chain of containers from the leaf up.
    std::function<QJsonValue(const QJsonValue &, qsizetype)> set =
        [&](const QJsonValue &at, qsizetype step) -> QJsonValue {
        const JsonPathStep &s = steps.at(step);
        const bool last = step + 1 == steps.size();
        if (s.isIndex()) {
            QJsonArray array = at.toArray();
            array[s.index] = last ? value : set(array.at(s.index), step + 1);
            return array;
        }
        QJsonObject object = at.toObject();
        if (last && value.isUndefined())
            object.remove(s.key);
        else
            object[s.key] = last ? value : set(object.value(s.key), step + 1);
        return object;
    };
    return QJsonDocument(set(root, 0).toObject()).toJson();
}

/// Every index of a tree model, depth first (column 0).
inline QModelIndexList allIndexes(const QAbstractItemModel &model, const QModelIndex &parent = {}) {
    QModelIndexList out;
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        out.append(index);
        out.append(allIndexes(model, index));
    }
    return out;
}

inline constexpr qint64 BaseUtcMs = 1741944401000; // 2025-03-14T09:26:41Z

/// A POST as the listener records it (with the secret Token in its target) and its answer.
inline Capture
webhook(const QByteArray &body, int n,
        const QByteArray &target = QByteArrayLiteral("/webhook?Token=s3cret-TOKEN-9f2c")) {
    Capture c;
    c.connectionId = quint64(n);
    c.sequence = 1;
    c.remoteAddress = QStringLiteral("127.0.0.1");
    c.remotePort = quint16(40000 + n);
    c.localPort = 8089;
    c.firstByteUtcMs = BaseUtcMs + qint64(n) * 1000;
    c.completeUtcMs = c.firstByteUtcMs + 3;
    c.method = QByteArrayLiteral("POST");
    c.target = target;
    c.httpVersion = QByteArrayLiteral("HTTP/1.1");
    c.headers = {{"Host", "127.0.0.1:8089"},
                 {"Content-Type", "application/json; charset=utf-8"},
                 {"Content-Length", QByteArray::number(body.size())}};
    c.rawHead = c.method + ' ' + c.target + ' ' + c.httpVersion + "\r\n";
    for (const HeaderField &field : std::as_const(c.headers))
        c.rawHead += field.name + ": " + field.value + "\r\n";
    c.rawHead += "\r\n";
    c.body = body;
    c.response.status = 200;
    c.response.headers = {{"Content-Type", "text/plain"}, {"Content-Length", "3"}};
    c.response.body = QByteArrayLiteral("OK\n");
    c.response.sentUtcMs = c.completeUtcMs + 1;
    return c;
}

inline AnalysedCapture analysed(const Capture &capture) {
    static const CaptureAnalyser analyser; // as every stage of the app analyses
    return analyser.analyse(capture);
}

/// Writes a closed session file holding the captures, analysed; returns them with their ids.
inline QList<AnalysedCapture> writeSession(const QString &path, QList<Capture> captures) {
    CaptureJournal journal;
    QString error;
    if (!journal.open(path, SessionFile::Durability::Normal, &error) ||
        !journal.commit(captures, &error))
        qFatal("%s", qPrintable(error));
    QList<AnalysedCapture> all;
    for (const Capture &capture : std::as_const(captures))
        all.append(analysed(capture));
    journal.addAnalyses(all);
    if (!journal.close(&error))
        qFatal("%s", qPrintable(error));
    return all;
}

} // namespace DetailTestData
