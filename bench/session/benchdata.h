#pragma once

// Generated captures shared by the session benchmarks.

#include "capture/capture.h"

#include <QByteArray>
#include <QRandomGenerator>

namespace BenchData {

inline QByteArray guid(QRandomGenerator &random) {
    const QByteArray hex = QByteArray::number(random.generate64(), 16).rightJustified(16, '0') +
                           QByteArray::number(random.generate64(), 16).rightJustified(16, '0');
    return hex.mid(0, 8) + '-' + hex.mid(8, 4) + '-' + hex.mid(12, 4) + '-' + hex.mid(16, 4) + '-' +
           hex.mid(20, 12);
}

/// A General webhook of about 2 KB: 19 events of the documented kinds, fresh ids.
inline QByteArray generalWebhook(QRandomGenerator &random, int enterprise) {
    static const char *const discriminators[] = {
        "ServiceOrderUpdated", "ResourceUpdated", "MessageAdded",   "ResourceBlockUpdated",
        "CustomerAdded",       "CustomerUpdated", "PaymentUpdated",
    };
    QByteArray body = "{\"EnterpriseId\":\"00000000-0000-4000-8000-00000000000" +
                      QByteArray::number(enterprise % 10) +
                      "\",\"IntegrationId\":\"0c9a7e52-8b1d-4e63-a0f4-2d7b5c19e8a6\",\"Events\":[";
    for (int i = 0; i < 19; ++i) {
        if (i > 0)
            body += ',';
        body += "\n    {\"Discriminator\":\"" + QByteArray(discriminators[(i + enterprise) % 7]) +
                "\",\"Value\":{\"Id\":\"" + guid(random) + "\"}}";
    }
    return body + "\n]}";
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
    c.target = QByteArrayLiteral("/webhook?Token=3f1c9a0b77d24e5c");
    c.httpVersion = QByteArrayLiteral("HTTP/1.1");
    c.headers = {{"Host", "127.0.0.1:8089"},
                 {"Content-Type", "application/json; charset=utf-8"},
                 {"Content-Length", QByteArray::number(body.size())},
                 {"Connection", "close"}};
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

} // namespace BenchData
