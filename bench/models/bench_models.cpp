// Measures the capture list's models at a million captures, in memory (no file).
//
// Usage: bench_models [captures, default 1000000]

#include "mews/contractschema.h"
#include "models/capturefilterproxy.h"
#include "models/capturetablemodel.h"
#include "models/eventlistmodel.h"
#include "models/eventtreemodel.h"
#include "models/taglistmodel.h"
#include "session/capturestore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>

#include <malloc.h>

#include <cstdio>
#include <functional>
#include <memory>

namespace {

QString guid(QRandomGenerator &random) {
    const QString hex = QString::number(random.generate64(), 16).rightJustified(16, u'0') +
                        QString::number(random.generate64(), 16).rightJustified(16, u'0');
    return hex.mid(0, 8) + u'-' + hex.mid(8, 4) + u'-' + hex.mid(12, 4) + u'-' + hex.mid(16, 4) +
           u'-' + hex.mid(20, 12);
}

/// Webhooks with the variety of a busy integration: 8 enterprises (5 named), 3
/// integrations, all 7 discriminators and 7 actions plus a rare unknown one, every
/// contract state, a few rejected probes, bodies from 200 bytes to 24 KB.
class Generator {
public:
    Generator() {
        for (int i = 0; i < 8; ++i)
            m_enterprises.append(guid(m_random));
        m_enterpriseNames = {QStringLiteral("Hotel Aurora Lisboa"),
                             QStringLiteral("Casa do Rio"),
                             QStringLiteral("Grand Hotel Praha"),
                             QStringLiteral("Nordlys Inn"),
                             QStringLiteral("Villa Serena"),
                             QString(),
                             QString(),
                             QString()};
        for (int i = 0; i < 3; ++i)
            m_integrations.append(guid(m_random));
        const ContractSchema &schema = ContractSchema::instance();
        m_discriminators = schema.events()->valueNames();
        m_actions = schema.integrationActions()->valueNames();
        for (int size : {200, 480, 900, 1600, 2400, 4000, 9000, 24000})
            m_bodies.append(QByteArray(size, 'x'));
    }

    QList<AnalysedCapture> batch(qint64 firstId, int count) {
        QList<AnalysedCapture> out;
        out.reserve(count);
        for (int i = 0; i < count; ++i)
            out.append(next(firstId + i));
        return out;
    }

private:
    AnalysedCapture next(qint64 id) {
        QRandomGenerator &r = m_random;
        AnalysedCapture a;
        Capture &c = a.capture;
        c.id = id;
        c.firstByteUtcMs = 1714557600000 + id * 40 + qint64(r.bounded(30));
        c.method = r.bounded(200) == 0 ? QByteArrayLiteral("GET") : QByteArrayLiteral("POST");
        c.target = QByteArrayLiteral("/webhook?Token=s3cret-TOKEN-9f2c");
        c.remoteAddress = QStringLiteral("10.0.0.7");
        c.remotePort = quint16(40000 + id % 20000);
        c.body = m_bodies.at(int(r.bounded(m_bodies.size())));
        c.response.status = 200;
        MewsAnalysis &m = a.analysis;
        const int roll = int(r.bounded(100));
        if (roll == 0 || c.method == "GET") {
            c.rejection = QStringLiteral("401: the Token query parameter does not match");
            c.response.status = 401;
            m.kind = WebhookKind::NotJson;
            return a;
        }
        const int enterprise = int(r.bounded(m_enterprises.size()));
        if (roll < 72) {
            m.kind = WebhookKind::General;
            m.enterpriseId = m_enterprises.at(enterprise);
            m.integrationId = m_integrations.at(enterprise % 3);
            const int events = 1 + int(r.bounded(4));
            for (int e = 0; e < events; ++e) {
                WebhookEvent event;
                event.discriminator = r.bounded(5000) == 0 ? QStringLiteral("ReservationTeleported")
                                                           : m_discriminators.at(int(r.bounded(7)));
                event.entityId = guid(r);
                event.known = true;
                m.events.append(event);
            }
        } else if (roll < 97) {
            m.kind = WebhookKind::Integration;
            m.action = r.bounded(5000) == 0 ? QStringLiteral("IntegrationPaused")
                                            : m_actions.at(int(r.bounded(7)));
            m.enterpriseId = m_enterprises.at(enterprise);
            m.enterpriseName = m_enterpriseNames.at(enterprise);
            m.integrationId = m_integrations.at(enterprise % 3);
            m.integrationName = QStringLiteral("Housekeeping Sync");
        } else if (roll < 99) {
            m.kind = WebhookKind::InvalidJson;
            m.jsonError = {12, 1, 13, QStringLiteral("unterminated string")};
        } else {
            m.kind = WebhookKind::OtherJson;
        }
        const int state = int(r.bounded(100));
        if (state >= 60)
            m.findings.append({QStringLiteral("Events[0].Value.Id"),
                               state < 80   ? FindingSeverity::Note
                               : state < 92 ? FindingSeverity::Warning
                                            : FindingSeverity::Error,
                               QStringLiteral("a finding")});
        return a;
    }

    QRandomGenerator m_random{20240501};
    QStringList m_enterprises;
    QStringList m_enterpriseNames;
    QStringList m_integrations;
    QStringList m_discriminators;
    QStringList m_actions;
    QList<QByteArray> m_bodies;
};

/// Heap bytes in use (glibc): small blocks plus mmapped ones.
qint64 heapInUse() {
    const struct mallinfo2 info = mallinfo2();
    return qint64(info.uordblks + info.hblkhd);
}

double msOf(const std::function<void()> &work) {
    QElapsedTimer timer;
    timer.start();
    work();
    return double(timer.nsecsElapsed()) / 1e6;
}

/// A store with the capture list's models, as the window has them.
struct Window {
    explicit Window(CaptureStore *store)
        : table(store)
        , proxy(&table)
        , events(store)
        , tree(store)
        , tags(store) {
        QObject::connect(&proxy, &CaptureFilterProxy::filterChanged, &events,
                         &EventListModel::setFilter);
        QObject::connect(&proxy, &CaptureFilterProxy::filterChanged, &tree,
                         &EventTreeModel::setFilter);
    }
    CaptureTableModel table;
    CaptureFilterProxy proxy;
    EventListModel events;
    EventTreeModel tree;
    TagListModel tags;
};

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    const qint64 total = argc > 1 ? QByteArray(argv[1]).toLongLong() : 1000000;
    if (total <= 0) {
        std::fprintf(stderr, "usage: bench_models [captures]\n");
        return 2;
    }
    constexpr int Batch = 100;
    std::printf("bench_models: %lld captures, batches of %d\n", total, Batch);

    // 1. Append rate: the same batches into a bare store, a store with the models and a
    //    filter, and one with the models, a filter and a sort by size.
    CaptureStore bare;
    CaptureStore filtered;
    CaptureStore sorted;
    auto filteredWindow = std::make_unique<Window>(&filtered);
    auto sortedWindow = std::make_unique<Window>(&sorted);
    for (Window *w : {filteredWindow.get(), sortedWindow.get()})
        w->proxy.setTags({QStringLiteral("ServiceOrderUpdated"), QStringLiteral("MessageAdded"),
                          QStringLiteral("IntegrationCreated")});
    sortedWindow->proxy.sort(CaptureTableModel::SizeColumn, Qt::DescendingOrder);
    sortedWindow->events.sort(EventListModel::EventColumn, Qt::AscendingOrder);
    Generator generator;
    double bareMs = 0;
    double filteredMs = 0;
    double sortedMs = 0;
    for (qint64 id = 1; id <= total; id += Batch) {
        const QList<AnalysedCapture> batch =
            generator.batch(id, int(std::min<qint64>(Batch, total - id + 1)));
        bareMs += msOf([&] { bare.append(batch); });
        filteredMs += msOf([&] { filtered.append(batch); });
        sortedMs += msOf([&] { sorted.append(batch); });
    }
    const CaptureIndex &index = filtered.index();
    std::printf("\nappend (store.append of %d-capture batches, time in the call)\n", Batch);
    std::printf("  store only                                   %10.0f captures/s\n",
                double(total) / bareMs * 1e3);
    std::printf("  + table, proxy (tag filter), events, tree, tags %7.0f captures/s  "
                "(shown %lld)\n",
                double(total) / filteredMs * 1e3, qint64(filteredWindow->proxy.rowCount()));
    std::printf("  same, proxy sorted by size, events by name   %10.0f captures/s\n",
                double(total) / sortedMs * 1e3);
    std::printf("  index: %lld captures, %lld events, %lld tags, %lld strings, %.1f bytes/capture "
                "(events included)\n",
                qint64(index.size()), qint64(index.events().eventCount()), qint64(index.tagCount()),
                qint64(index.strings().size()),
                double(index.approximateBytes()) / double(index.size()));
    sortedWindow.reset();
    sorted.clear();
    bare.clear();

    // 2. Filter changes on the full store (proxy in arrival order, then sorted by time).
    CaptureFilterProxy &proxy = filteredWindow->proxy;
    const QString enterprise = index.text(index.enterprises().at(2));
    struct Change {
        const char *name;
        std::function<void()> apply;
    };
    const QList<Change> changes = {
        {"no filter",
         [&] {
             proxy.setFilter(CaptureFilter());
         }},
        {"tag MessageAdded",
         [&] {
             proxy.setTags({QStringLiteral("MessageAdded")});
         }},
        {"+ states errors, warnings",
         [&] {
             proxy.setStates({ContractState::Errors, ContractState::Warnings});
         }},
        {"+ enterprise",
         [&] {
             proxy.setEnterprise(enterprise);
         }},
        {"kinds integration only",
         [&] {
             CaptureFilter f;
             f.setKinds({WebhookKind::Integration});
             proxy.setFilter(f);
         }},
        {"text matches (every 3rd id)",
         [&] {
             QList<qint64> ids;
             for (qint64 id = 1; id <= total; id += 3)
                 ids.append(id);
             proxy.setTextMatches(ids);
         }},
        {"no filter again",
         [&] {
             proxy.setFilter(CaptureFilter());
         }},
    };
    // The event models follow the proxy's filter too: time them separately.
    QObject::disconnect(&proxy, nullptr, &filteredWindow->events, nullptr);
    QObject::disconnect(&proxy, nullptr, &filteredWindow->tree, nullptr);
    for (int column : {-1, int(CaptureTableModel::TimeColumn)}) {
        proxy.sort(column, Qt::AscendingOrder);
        std::printf("\nfilter change, proxy %s (target <= 150 ms)\n",
                    column < 0 ? "in arrival order" : "sorted by time");
        for (const Change &change : changes) {
            const double ms = msOf(change.apply);
            std::printf("  %-30s %8.1f ms   shown %lld of %lld\n", change.name, ms,
                        qint64(proxy.shownCount()), qint64(proxy.totalCount()));
        }
    }
    std::printf("\nfilter change, event models (%lld events)\n",
                qint64(index.events().eventCount()));
    CaptureFilter serviceOrders;
    serviceOrders.setTags({QStringLiteral("ServiceOrderUpdated")});
    const auto timeEventFilter = [](const char *name, QAbstractItemModel &model,
                                    const std::function<void()> &apply) {
        const double ms = msOf(apply);
        std::printf("  %-36s %8.1f ms   rows %d\n", name, ms, model.rowCount());
    };
    EventListModel &list = filteredWindow->events;
    EventTreeModel &tree = filteredWindow->tree;
    timeEventFilter("event list, tag ServiceOrderUpdated", list,
                    [&] { list.setFilter(serviceOrders); });
    timeEventFilter("event list, no filter", list, [&] { list.setFilter(CaptureFilter()); });
    timeEventFilter("event tree, tag ServiceOrderUpdated", tree,
                    [&] { tree.setFilter(serviceOrders); });
    timeEventFilter("event tree, no filter", tree, [&] { tree.setFilter(CaptureFilter()); });

    // 3. Sorting every row by each column.
    proxy.setFilter(CaptureFilter());
    proxy.sort(-1);
    std::printf("\nsort %lld captures (proxy, no filter)\n", qint64(proxy.rowCount()));
    for (int column = 0; column < CaptureTableModel::ColumnCount; ++column) {
        const double up = msOf([&] { proxy.sort(column, Qt::AscendingOrder); });
        const double down = msOf([&] { proxy.sort(column, Qt::DescendingOrder); });
        std::printf("  %-16s ascending %8.1f ms   descending %8.1f ms\n",
                    qPrintable(CaptureTableModel::columnTitle(column)), up, down);
    }
    EventListModel &events = filteredWindow->events;
    std::printf("\nsort %d events (event list, no filter)\n", events.rowCount());
    for (int column = 0; column < EventListModel::ColumnCount; ++column) {
        const double ms = msOf([&] { events.sort(column, Qt::AscendingOrder); });
        std::printf("  %-16s ascending %8.1f ms\n",
                    qPrintable(events.headerData(column, Qt::Horizontal).toString()), ms);
    }
    events.sort(-1);

    // 4. Memory the models hold beyond the store's index.
    proxy.sort(CaptureTableModel::StateColumn, Qt::AscendingOrder);
    proxy.rowOfPosition(0); // builds the position -> row map a sorted proxy keeps
    const double rows = double(index.size());
    std::printf("\nmemory beyond the store's index, per capture (target <= 64 bytes)\n");
    std::printf("  proxy, sorted, all shown, with its row map  %6.1f bytes\n",
                double(proxy.approximateBytes()) / rows);
    std::printf("  event list (%.2f events per capture)         %6.1f bytes\n",
                double(index.events().eventCount()) / rows,
                double(events.approximateBytes()) / rows);
    std::printf("  event tree                                  %6.1f bytes\n",
                double(filteredWindow->tree.approximateBytes()) / rows);
    std::printf("  table model, tag list                          0.0 bytes (read the index)\n");
    const qint64 before = heapInUse();
    {
        Window second(&filtered);
        second.proxy.sort(CaptureTableModel::StateColumn, Qt::AscendingOrder);
        second.proxy.rowOfPosition(0);
        std::printf("  a second window, all models, measured heap growth %6.1f bytes\n",
                    double(heapInUse() - before) / rows);
    }
    return 0;
}
