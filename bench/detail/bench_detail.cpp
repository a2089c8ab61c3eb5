// Measures the detail pane on one big body.
//
// Usage: QT_QPA_PLATFORM=offscreen bench_detail [body size in MiB, default 32]

#include "mews/webhookdecoder.h"
#include "models/entityform.h"
#include "models/jsonbody.h"
#include "models/jsontreemodel.h"
#include "panes/detail/detailpane.h"
#include "panes/detail/rawtext.h"
#include "session/capturejournal.h"
#include "session/capturestore.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPlainTextEdit>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <functional>

namespace {

QByteArray guid(int n, int kind) {
    return QStringLiteral("%1-0000-4000-8000-%2")
        .arg(kind, 8, 16, QLatin1Char('0'))
        .arg(n, 12, 16, QLatin1Char('0'))
        .toLatin1();
}

// A legacy General webhook: events plus a 24-field reservation snapshot for each.
QByteArray bigWebhook(qsizetype minimum) {
    QByteArray events;
    QByteArray orders;
    for (int n = 0; events.size() + orders.size() < minimum; ++n) {
        const QByteArray id = guid(n, 1);
        if (n > 0) {
            events += ",\n";
            orders += ",\n";
        }
        events += R"({"Discriminator":"ServiceOrderUpdated","Value":{"Id":")" + id + R"("}})";
        orders +=
            R"({"Id":")" + id + R"(","ServiceId":")" + guid(n, 2) + R"(","GroupId":")" +
            guid(n, 3) + R"(","Number":")" + QByteArray::number(40000 + n) +
            R"(","State":"Confirmed","Origin":"Distributor","CreatedUtc":"2025-03-10T18:42:07Z",)"
            R"("UpdatedUtc":"2025-03-14T09:25:58Z","CancelledUtc":null,"StartUtc":"2025-04-18T14:00:00Z",)"
            R"("EndUtc":"2025-04-21T10:00:00Z","ReleasedUtc":null,"RequestedCategoryId":")" +
            guid(n, 4) +
            R"(","AssignedResourceId":null,"AssignedResourceLocked":false,)"
            R"("BusinessSegmentId":null,"CompanyId":null,"TravelAgencyId":null,)"
            R"("AvailabilityBlockId":null,"RateId":")" +
            guid(n, 5) + R"(","VoucherId":null,"AdultCount":2,"ChildCount":0,"CustomerId":")" +
            guid(n, 6) + R"("})";
    }
    return R"({"EnterpriseId":"3b0f6c1e-5d2a-4f7e-9a41-6c2d8e0b7f15",)"
           R"("IntegrationId":"0c9a7e52-8b1d-4e63-a0f4-2d7b5c19e8a6","Events":[)" +
           events + R"(],"Entities":{"ServiceOrders":[)" + orders + "]}}";
}

double timed(const char *what, const std::function<void()> &work) {
    QElapsedTimer timer;
    timer.start();
    work();
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    std::printf("%-58s %9.1f ms\n", what, ms);
    return ms;
}

} // namespace

int main(int argc, char **argv) {
    QApplication app(argc, argv);
    const int mib = argc > 1 ? std::atoi(argv[1]) : 32;
    const QByteArray body = bigWebhook(qsizetype(mib) * 1024 * 1024);
    std::printf("body: %.1f MiB\n", double(body.size()) / 1024.0 / 1024.0);

    MewsAnalysis analysis;
    timed("WebhookDecoder::decode (for reference)",
          [&] { analysis = WebhookDecoder().decode(body, "application/json"); });
    std::printf("events: %lld, entities: %lld, findings: %lld\n", qlonglong(analysis.events.size()),
                qlonglong(analysis.entities.size()), qlonglong(analysis.findings.size()));

    JsonBody json;
    timed("JsonBody::read", [&] { json = JsonBody::read(body); });
    JsonTreeModel model;
    timed("JsonTreeModel::setBody (with every finding)",
          [&] { model.setBody(json, analysis.findings); });
    const int orders = int(analysis.entities.size());
    const QString deep = QStringLiteral("Entities.ServiceOrders[%1].StartUtc").arg(orders - 1);
    timed("indexForPath(last reservation's StartUtc)", [&] {
        if (!model.indexForPath(deep).isValid())
            std::printf("  not found!\n");
    });
    timed("data() of 50 visible rows x 3 columns", [&] {
        const QModelIndex list = model.indexForPath(QStringLiteral("Entities.ServiceOrders"));
        for (int row = 0; row < 50; ++row)
            for (int column = 0; column < JsonTreeModel::ColumnCount; ++column)
                model.index(row, column, list).data();
    });
    timed("index() of every reservation (an expanded list)", [&] {
        const QModelIndex list = model.indexForPath(QStringLiteral("Entities.ServiceOrders"));
        for (int row = 0; row < model.rowCount(list); ++row)
            model.index(row, 0, list);
    });
    timed("EntityForm::forEvent (last event)",
          [&] { EntityForm::forEvent(json.root, analysis, int(analysis.events.size()) - 1); });

    AnalysedCapture capture;
    capture.capture.body = body;
    capture.capture.rawHead = "POST /webhook HTTP/1.1\r\nContent-Type: application/json\r\n\r\n";
    capture.analysis = analysis;
    RawText raw;
    timed("RawText::build (raw, masked)", [&] { raw = RawText::build(capture, false, false); });
    std::printf("  raw text shown: %.1f MiB of characters, cut: %s\n",
                double(raw.text.size()) / 1024.0 / 1024.0, raw.cut ? "yes" : "no");
    QPlainTextEdit editor;
    editor.setLineWrapMode(QPlainTextEdit::NoWrap);
    editor.resize(900, 600);
    editor.show();
    timed("QPlainTextEdit::setPlainText(raw text) + first paint", [&] {
        editor.setPlainText(raw.text);
        editor.repaint();
    });

    // End to end: a real session file, DetailPane::showCapture, then the worker.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bench.mwsession"));
    {
        CaptureJournal journal;
        QString error;
        Capture c = capture.capture;
        c.method = "POST";
        c.target = "/webhook";
        c.httpVersion = "HTTP/1.1";
        c.headers = {{"Content-Type", "application/json"}};
        c.response.status = 200;
        QList<Capture> captures{c};
        if (!journal.open(path, SessionFile::Durability::Normal, &error) ||
            !journal.commit(captures, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        journal.addAnalyses({AnalysedCapture{captures.first(), analysis, true}});
        journal.close(&error);
    }
    CaptureStore store;
    QEventLoop loop;
    QObject::connect(&store, &CaptureStore::opened, &loop, &QEventLoop::quit);
    store.openAsync(path);
    loop.exec();
    DetailPane pane(&store);
    pane.resize(1000, 700);
    pane.show();
    QElapsedTimer total;
    total.start();
    double blocked = timed("DetailPane::showCapture (GUI thread blocked)",
                           [&] { pane.showCapture(store.row(0).id); });
    // How long the GUI thread is busy at a stretch while the worker runs.
    double longestGap = 0;
    QElapsedTimer tick;
    tick.start();
    QTimer heartbeat;
    QObject::connect(&heartbeat, &QTimer::timeout, [&] {
        longestGap = qMax(longestGap, double(tick.nsecsElapsed()) / 1e6);
        tick.restart();
    });
    heartbeat.start(10);
    QObject::connect(&pane, &DetailPane::loaded, &loop, [&] {
        // The content was applied in the slot that emitted this: count that stall too.
        longestGap = qMax(longestGap, double(tick.nsecsElapsed()) / 1e6);
        loop.quit();
    });
    loop.exec();
    std::printf("%-58s %9.1f ms\n", "DetailPane loaded (worker done, content applied)",
                double(total.nsecsElapsed()) / 1e6);
    std::printf("%-58s %9.1f ms\n", "longest GUI-thread stall while loading, incl. applying",
                longestGap);
    Q_UNUSED(blocked);
    timed("DetailPane::showPath (last reservation's StartUtc)",
          [&] { pane.showPath(store.row(0).id, deep); });
    timed("DetailPane::showEvent (last event; entity form)",
          [&] { pane.showEvent(store.row(0).id, int(analysis.events.size()) - 1); });
    return 0;
}
