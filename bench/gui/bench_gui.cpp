// bench_gui: what the window costs the GUI thread per capture, without the network.
// Feeds the real window (MainWindow: store, capture/event models, filter lists, views)
// with analysed sample webhooks at a fixed rate, as CapturePipeline::analysed() would,
// for a few seconds, and reports the GUI thread's CPU time per capture, the longest
// flush and the event-loop probe's worst stall. Run under Xvfb (or with
// QT_QPA_PLATFORM=offscreen to leave painting to the raster engine only).
//
// usage: bench_gui [captures per second, default 5000] [seconds, default 10]

#include "live/capturefeed.h"
#include "live/eventloopprobe.h"
#include "mainwindow.h"
#include "mews/webhookdecoder.h"
#include "session/capturestore.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTimer>

#include <cstdio>
#include <ctime>

namespace {

double threadCpuMs() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1000.0 + double(now.tv_nsec) / 1e6;
}

QList<AnalysedCapture> samples() {
    const WebhookDecoder decoder;
    QList<AnalysedCapture> out;
    const QDir dir(QStringLiteral(":/samples"));
    for (const QString &name : dir.entryList(QDir::Files, QDir::Name)) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        AnalysedCapture analysed;
        Capture &capture = analysed.capture;
        capture.method = "POST";
        capture.target = "/webhook?Token=bench-token";
        capture.httpVersion = "HTTP/1.1";
        capture.remoteAddress = QStringLiteral("127.0.0.1");
        capture.headers = {{"Host", "127.0.0.1:8089"}, {"Content-Type", "application/json"}};
        capture.body = file.readAll();
        capture.response.status = 200;
        analysed.analysis = decoder.decode(capture.body, "application/json");
        out.append(analysed);
    }
    return out;
}

} // namespace

int main(int argc, char *argv[]) {
    QApplication app(argc, argv);
    const int rate = argc > 1 ? QByteArray(argv[1]).toInt() : 5000;
    const int seconds = argc > 2 ? QByteArray(argv[2]).toInt() : 10;
    if (rate <= 0 || seconds <= 0) {
        std::fprintf(stderr, "usage: bench_gui [captures per second] [seconds]\n");
        return 2;
    }
    const QList<AnalysedCapture> bodies = samples();
    MainWindow window;
    window.resize(1600, 1000);
    window.show();
    EventLoopProbe *probe = window.probe();
    CaptureFeed *feed = window.feed();

    // Batches every 2 ms, as the listener hands them over under load.
    constexpr int TickMs = 2;
    QElapsedTimer clock;
    qint64 nextId = 1;
    double cpuStart = 0;
    QTimer producer;
    producer.setTimerType(Qt::PreciseTimer);
    QObject::connect(&producer, &QTimer::timeout, &app, [&] {
        const qint64 due = clock.elapsed() * rate / 1000;
        QList<AnalysedCapture> batch;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        while (nextId <= due) {
            AnalysedCapture capture = bodies.at(int(nextId % bodies.size()));
            capture.capture.id = nextId++;
            capture.capture.firstByteUtcMs = capture.capture.completeUtcMs = now;
            batch.append(capture);
        }
        feed->add(batch);
        if (clock.elapsed() >= qint64(seconds) * 1000) {
            producer.stop();
            QTimer::singleShot(500, &app, [&] {
                const double cpu = threadCpuMs() - cpuStart;
                const qint64 captures = window.store()->size();
                std::printf("bench_gui: %lld captures at %d/s for %d s (%s)\n", captures, rate,
                            seconds, qPrintable(QGuiApplication::platformName()));
                std::printf("  GUI thread CPU: %.0f ms = %.1f us per capture (%.0f%% of one "
                            "core)\n",
                            cpu, cpu * 1000.0 / double(qMax<qint64>(1, captures)),
                            cpu * 100.0 / (seconds * 1000.0 + 500.0));
                std::printf("  longest flush: %lld ms (slices of %d ms)\n", feed->longestFlushMs(),
                            CaptureFeed::SliceMs);
                std::printf("  %s\n", qPrintable(probe->report()));
                app.quit();
            });
        }
    });
    QTimer::singleShot(1000, &app, [&] { // after the first paint
        probe->start();
        cpuStart = threadCpuMs();
        clock.start();
        producer.start(TickMs);
    });
    return QApplication::exec();
}
