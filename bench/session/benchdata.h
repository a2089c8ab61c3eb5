#pragma once

// Generated captures shared by the session benchmarks.

#include "capture/bodydigest.h"
#include "capture/capture.h"
#include "mews/webhookdecoder.h"
#include "session/analysedcapture.h"

#include <QByteArray>
#include <QFile>
#include <QHash>
#include <QRandomGenerator>

namespace BenchData {

inline QByteArray guid(QRandomGenerator &random) {
    const QByteArray hex = QByteArray::number(random.generate64(), 16).rightJustified(16, '0') +
                           QByteArray::number(random.generate64(), 16).rightJustified(16, '0');
    return hex.mid(0, 8) + '-' + hex.mid(8, 4) + '-' + hex.mid(12, 4) + '-' + hex.mid(16, 4) + '-' +
           hex.mid(20, 12);
}

inline Capture capture(const QByteArray &body, qint64 n) {
    Capture c;
    c.connectionId = quint64(n);
    c.sequence = 1;
    c.remoteAddress = QStringLiteral("127.0.0.1");
    c.remotePort = quint16(32768 + n % 28000);
    c.localPort = 8089;
    c.firstByteUtcMs = 1714557600000 + n * 250;
    c.completeUtcMs = c.firstByteUtcMs + 2;
    c.method = QByteArrayLiteral("POST");
    c.target = QByteArrayLiteral("/webhook");
    c.httpVersion = QByteArrayLiteral("HTTP/1.1");
    // What wrk sends in bench/listener.sh.
    c.headers = {{"Host", "127.0.0.1:8089"},
                 {"Content-Length", QByteArray::number(body.size())},
                 {"Content-Type", "application/json"}};
    c.rawHead = c.method + ' ' + c.target + ' ' + c.httpVersion + "\r\n";
    for (const HeaderField &field : c.headers)
        c.rawHead += field.name + ": " + field.value + "\r\n";
    c.rawHead += "\r\n";
    c.body = body;
    c.response.status = 200;
    c.response.headers = {{"Content-Type", "application/json"}, {"Content-Length", "11"}};
    c.response.body = QByteArrayLiteral("{\"ok\":true}");
    c.response.sentUtcMs = c.completeUtcMs + 1;
    return c;
}

/**
 * The listener benchmark's payload (resources/samples/general-current-format.json, a
 * General webhook of 1,656 bytes with 9 Id-only events), with fresh entity ids for
 * every capture, and its analysis. The body is decoded once; each copy gets new ids
 * in the body and in the analysis alike, so the session looks like a real one
 * without decoding a million bodies.
 */
class GeneralWebhooks {
public:
    GeneralWebhooks()
        : m_random(11) {
        QFile file(QStringLiteral(":/samples/general-current-format.json"));
        if (!file.open(QIODevice::ReadOnly))
            qFatal("the sample payload is not compiled in");
        m_body = file.readAll();
        m_analysis = WebhookDecoder().decode(m_body, "application/json");
        for (const WebhookEvent &event : std::as_const(m_analysis.events)) {
            const QByteArray id = event.entityId.toUtf8();
            if (!m_ids.contains(id))
                m_ids.append(id);
        }
    }

    qsizetype bodySize() const { return m_body.size(); }
    qsizetype eventCount() const { return m_analysis.events.size(); }

    AnalysedCapture next(qint64 n) {
        QByteArray body = m_body;
        QHash<QString, QString> fresh;
        for (const QByteArray &id : std::as_const(m_ids)) {
            const QByteArray replacement = guid(m_random);
            body.replace(id, replacement);
            fresh.insert(QString::fromLatin1(id), QString::fromLatin1(replacement));
        }
        AnalysedCapture analysed{capture(body, n), m_analysis, true};
        for (WebhookEvent &event : analysed.analysis.events)
            event.entityId = fresh.value(event.entityId);
        // As the analysis thread does: the file then holds digests, as the app's do.
        analysed.bodyDigest = BodyDigest::of(analysed.capture.body);
        return analysed;
    }

private:
    QRandomGenerator m_random;
    QByteArray m_body;
    MewsAnalysis m_analysis;
    QList<QByteArray> m_ids;
};

} // namespace BenchData
