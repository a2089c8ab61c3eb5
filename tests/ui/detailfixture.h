#pragma once

#include "gzipdata.h"

// The detail pane's tests share one session of named captures, written once and opened
// in a CaptureStore, and a fresh DetailPane for each test (header-only: each tst_*.cpp
// is its own executable).

#include "../models/detailtestdata.h"

#include "models/findingsmodel.h"
#include "panes/detail/detailloader.h"
#include "panes/detail/detailpane.h"
#include "panes/detail/detailtabs.h"
#include "session/capturestore.h"
#include "session/harreader.h"

#include <QHash>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <memory>

namespace DetailFixtureData {

using namespace DetailTestData;

inline const QString Html = QStringLiteral("<b>bold</b><script>alert(1)</script>");

inline QByteArray sample(const char *name) {
    return TestSupport::readData(QStringLiteral("samples/") + QLatin1String(name));
}

// A legacy General webhook of more than `minimum` bytes: many reservations, each named.
inline QByteArray bigWebhook(qsizetype minimum, const QString &idPrefix) {
    const QJsonObject base =
        QJsonDocument::fromJson(sample("general-ServiceOrderUpdated.json")).object();
    const QJsonObject reservation = base.value(QLatin1String("Entities"))
                                        .toObject()
                                        .value(QLatin1String("ServiceOrders"))
                                        .toArray()
                                        .at(0)
                                        .toObject();
    QJsonArray events;
    QJsonArray orders;
    qsizetype size = 0;
    for (int i = 0; size < minimum; ++i) {
        QJsonObject order = reservation;
        const QString id =
            idPrefix + QStringLiteral("-0000-4000-8000-%1").arg(i, 12, 10, QLatin1Char('0'));
        order.insert(QLatin1String("Id"), id);
        orders.append(order);
        events.append(
            QJsonObject{{QStringLiteral("Discriminator"), QStringLiteral("ServiceOrderUpdated")},
                        {QStringLiteral("Value"), QJsonObject{{QStringLiteral("Id"), id}}}});
        size += 900;
    }
    QJsonObject root = base;
    root.insert(QLatin1String("Events"), events);
    root.insert(QLatin1String("Entities"), QJsonObject{{QStringLiteral("ServiceOrders"), orders}});
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

inline int findingRow(const QAbstractItemModel *model, const QString &path) {
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data(FindingsModel::PathRole).toString() == path)
            return row;
    }
    return -1;
}

} // namespace DetailFixtureData

class DetailFixture {
protected:
    /// Writes the session and opens it in m_store; false when that fails.
    bool setUpSession() {
        using namespace DetailFixtureData;
        if (!m_dir.isValid())
            return false;
        QList<std::pair<QString, Capture>> captures;
        int n = 1;
        const auto add = [&](const QString &name, const Capture &capture) {
            captures.append({name, capture});
            ++n;
        };
        add(QStringLiteral("orders"), webhook(sample("general-ServiceOrderUpdated.json"), n));
        add(QStringLiteral("integration"),
            webhook(sample("integration-IntegrationCreated.json"), n));
        add(QStringLiteral("enabled"), webhook(sample("integration-IntegrationEnabled.json"), n));
        add(QStringLiteral("invalid"),
            webhook(TestSupport::readData(QStringLiteral("malformed/trailing-comma-in-events.txt")),
                    n));
        add(QStringLiteral("html"),
            webhook(mutated(QStringLiteral("samples/general-MessageAdded.json"),
                            QStringLiteral("Entities.Messages[0].Text"), Html)
                        .replace("2025-03-14T09:23:05Z", "<b>soon</b>"),
                    n));
        add(QStringLiteral("current"), webhook(sample("general-current-format.json"), n));
        add(QStringLiteral("mixed"), webhook(sample("general-mixed.json"), n));
        add(QStringLiteral("resource"), webhook(sample("general-ResourceUpdated.json"), n));
        add(QStringLiteral("broken"),
            webhook(mutated(QStringLiteral("samples/general-ServiceOrderUpdated.json"),
                            QStringLiteral("Entities.ServiceOrders[0].StartUtc"),
                            QStringLiteral("next Tuesday")),
                    n));
        Capture rejected = webhook(QByteArray(), n, "/webhook?Token=wrong");
        rejected.method = "GET";
        rejected.rejection = QStringLiteral("401: the Token query parameter does not match");
        rejected.response = {401, {{"Content-Type", "text/plain"}}, "unauthorized\n", 0};
        add(QStringLiteral("rejected"), rejected);
        Capture binary = webhook(QByteArray("\x00\x01\xff\xfe{\"a\":1}\x00", 12), n);
        binary.headers[1].value = "application/octet-stream";
        add(QStringLiteral("binary"), binary);
        // As a salvage rebuilds a capture whose list row was lost (SessionSalvage).
        Capture rebuilt = webhook(R"({"Events":[],"Note":"rebuilt"})", n);
        rebuilt.remoteAddress.clear();
        rebuilt.remotePort = 0;
        rebuilt.response.status = 0;
        add(QStringLiteral("rebuilt"), rebuilt);
        // As Chrome DevTools records a request that failed: no client, status 0, a time.
        Capture failedInHar = webhook(R"({"Events":[],"Note":"har"})", n);
        failedInHar.origin = CaptureOrigin::HarImport;
        failedInHar.remoteAddress.clear();
        failedInHar.remotePort = 0;
        failedInHar.sequence = 0; // Chrome records the connection, not the request's place
        failedInHar.response = {0, {}, {}, failedInHar.completeUtcMs + 30};
        add(QStringLiteral("har-failed"), failedInHar);
        // The same message received by the listener later, and answered.
        Capture afterHar = webhook(failedInHar.body, n);
        afterHar.firstByteUtcMs = failedInHar.firstByteUtcMs + 300000;
        afterHar.completeUtcMs = afterHar.firstByteUtcMs + 3;
        afterHar.response.sentUtcMs = afterHar.completeUtcMs + 1;
        add(QStringLiteral("after-har"), afterHar);
        // The client closed the connection before its request was complete: not answered.
        Capture cut = webhook(R"({"Events":[],"Note":"cut"})", n);
        cut.rejection =
            QStringLiteral("the client closed the connection before the request was complete");
        cut.response = {};
        add(QStringLiteral("cut"), cut);
        add(QStringLiteral("big"),
            webhook(bigWebhook(3 * DetailLoader::SyncLoadLimit / 2, QStringLiteral("0000000a")),
                    n));
        add(QStringLiteral("big2"),
            webhook(bigWebhook(3 * DetailLoader::SyncLoadLimit / 2, QStringLiteral("0000000b")),
                    n));

        // Compressed by its sender, as a proxy might (Content-Encoding: gzip).
        Capture compressed = webhook(GzipData::compressed(sample("general-CustomerAdded.json")), n);
        compressed.headers.append(HeaderField{"Content-Encoding", "gzip"});
        add(QStringLiteral("gzip"), compressed);
        // mitmproxy's HAR holds a gzip request's text decompressed, with its Content-Encoding.
        QString error;
        const std::optional<HarImport> mitmproxy = HarReader::readFile(
            TestSupport::dataPath(QStringLiteral("har/mitmproxy-gzip.har")), &error);
        if (!mitmproxy || mitmproxy->captures.isEmpty())
            return false;
        add(QStringLiteral("har-gzip"), mitmproxy->captures.constFirst());

        // One message delivered three times, 5 minutes apart: answered 500, then 200 but
        // after 6 s (too late for Mews), then 200 in time.
        const QByteArray retried = sample("general-MessageAdded.json");
        for (const char *name : {"try 1", "try 2", "try 3"}) {
            Capture attempt = webhook(retried, n);
            attempt.firstByteUtcMs = BaseUtcMs + 3600000 + qint64(captures.size()) * 300000;
            attempt.completeUtcMs = attempt.firstByteUtcMs + 3;
            attempt.response.sentUtcMs = attempt.completeUtcMs + 1;
            add(QLatin1String(name), attempt);
        }
        captures[captures.size() - 3].second.response.status = 500;
        captures[captures.size() - 2].second.response.sentUtcMs += 6000;

        QList<Capture> list;
        for (const auto &[name, capture] : std::as_const(captures))
            list.append(capture);
        const QString path = m_dir.filePath(QStringLiteral("detail.mwsession"));
        const QList<AnalysedCapture> written = writeSession(path, list);
        for (qsizetype i = 0; i < written.size(); ++i)
            m_ids.insert(captures.at(i).first, written.at(i).capture.id);
        QSignalSpy opened(&m_store, &CaptureStore::opened);
        m_store.openAsync(path);
        return opened.wait(20000) && m_store.size() == written.size();
    }

    /// A new pane for the next test, shown at a size that fits every tab.
    void newPane() {
        m_pane = std::make_unique<DetailPane>(&m_store);
        m_pane->resize(1000, 700);
        m_pane->show();
    }

    qint64 idOf(const QString &name) const { return m_ids.value(name); }

    QTemporaryDir m_dir;
    CaptureStore m_store;
    QHash<QString, qint64> m_ids;
    std::unique_ptr<DetailPane> m_pane;
};
