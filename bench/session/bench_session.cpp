// Session benchmarks: what durability costs the listener, and how a 1,000,000-capture
// session behaves (create, open, Save As, export).
//
// Usage:
//   bench_session commit [seconds per case, default 2] [batch size: only that case]
//   bench_session create <file> [captures, default 1000000] [captures per commit, default 4096]
//   bench_session open <file> [--cold]
//   bench_session saveas <file> <target>
//   bench_session export <file> <out dir> [captures, default 100000]
//   bench_session all <dir>      (everything above, and a cold open of a million written 8
//                                 a commit; deletes the files it made)

#include "benchdata.h"

#include "session/capturejournal.h"
#include "session/capturereader.h"
#include "session/capturestore.h"
#include "session/heaptrim.h"
#include "session/sessionexport.h"
#include "session/sessionfile.h"
#include "session/sessionloader.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QThreadPool>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fcntl.h>
#include <unistd.h>

namespace {

[[noreturn]] void die(const QString &message) {
    std::fprintf(stderr, "bench_session: %s\n", qPrintable(message));
    std::exit(1);
}

/// VmRSS or VmHWM in MiB from /proc/self/status.
double memoryMiB(const char *field) {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(int(qstrlen(field))).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return -1;
}

double fileMiB(const QString &path) {
    return (QFileInfo(path).size() + QFileInfo(path + QStringLiteral("-wal")).size()) / 1048576.0;
}

/// What the live pipeline does per event-loop pass: one commit() with the batch's
/// captures, carrying the analyses of the batch before (they come back from the analysis
/// thread in the meantime).
qint64 threadCpuNs() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1000000000 + now.tv_nsec;
}

void commitBench(double seconds, int onlyBatch) {
    BenchData::GeneralWebhooks webhooks;
    std::printf("journal commit of %lld-byte General webhooks (%lld events), each with its "
                "analysis, one transaction per commit() (WAL)\n",
                qlonglong(webhooks.bodySize()), qlonglong(webhooks.eventCount()));
    for (SessionFile::Durability durability :
         {SessionFile::Durability::Normal, SessionFile::Durability::Full}) {
        for (int batchSize : {1, 2, 4, 8, 16, 64}) {
            if (onlyBatch > 0 && batchSize != onlyBatch)
                continue;
            QTemporaryDir dir(QDir::currentPath() + QStringLiteral("/bench-XXXXXX"));
            CaptureJournal journal;
            QString error;
            if (!journal.open(dir.filePath(QStringLiteral("c.mwsession")), durability, &error))
                die(error);
            qint64 captures = 0;
            qint64 commits = 0;
            QList<AnalysedCapture> previous;
            QElapsedTimer timer;
            timer.start();
            qint64 busyNs = 0;
            qint64 cpuNs = 0;
            while (timer.nsecsElapsed() < qint64(seconds * 1e9)) {
                QList<AnalysedCapture> analysed;
                QList<Capture> batch;
                for (int i = 0; i < batchSize; ++i) {
                    analysed.append(webhooks.next(captures++));
                    batch.append(analysed.constLast().capture);
                }
                const qint64 start = timer.nsecsElapsed();
                const qint64 cpuStart = threadCpuNs();
                journal.addAnalyses(previous);
                if (!journal.commit(batch, &error))
                    die(error);
                cpuNs += threadCpuNs() - cpuStart;
                busyNs += timer.nsecsElapsed() - start;
                for (qsizetype i = 0; i < batch.size(); ++i)
                    analysed[i].capture.id = batch.at(i).id;
                previous = analysed;
                ++commits;
            }
            // CPU time is what the listener thread pays; the wall time also has the waits
            // (fsync in checkpoints, and another process's turn on a busy machine).
            std::printf("  synchronous=%-6s batch=%-3d %9.0f captures/s %8.1f us/commit "
                        "%6.1f us/capture (CPU %5.1f us/capture)\n",
                        durability == SessionFile::Durability::Full ? "FULL" : "NORMAL", batchSize,
                        captures / (busyNs / 1e9), busyNs / 1e3 / commits, busyNs / 1e3 / captures,
                        cpuNs / 1e3 / captures);
            std::fflush(stdout);
        }
    }
}

/// A batch of 4096 is a bulk load. The live pipeline commits what arrived since the last
/// event-loop pass, often 1 to 16 captures, which interleaves the tables' pages finely.
void create(const QString &path, qint64 count, int batchSize) {
    QFile::remove(path);
    CaptureJournal journal;
    QString error;
    if (!journal.open(path, SessionFile::Durability::Normal, &error))
        die(error);
    BenchData::GeneralWebhooks webhooks;
    QElapsedTimer timer;
    timer.start();
    qint64 bytes = 0;
    for (qint64 n = 0; n < count;) {
        QList<AnalysedCapture> analysed;
        QList<Capture> batch;
        for (int i = 0; i < batchSize && n < count; ++i, ++n) {
            analysed.append(webhooks.next(n));
            batch.append(analysed.constLast().capture);
            bytes += batch.constLast().body.size();
        }
        if (!journal.commit(batch, &error))
            die(error);
        for (qsizetype i = 0; i < batch.size(); ++i)
            analysed[i].capture.id = batch.at(i).id;
        journal.addAnalyses(analysed);
        if (!journal.flush())
            die(journal.lastError());
    }
    if (!journal.close(&error))
        die(error);
    const double elapsed = timer.nsecsElapsed() / 1e9;
    std::printf("create: %lld captures (%.0f MiB of bodies, %lld events each) with analyses, "
                "journal batches of %d, in %.1f s (%.0f captures/s); file %.0f MiB "
                "(%.2fx the bodies)\n",
                qlonglong(count), bytes / 1048576.0, qlonglong(webhooks.eventCount()), batchSize,
                elapsed, count / elapsed, fileMiB(path), fileMiB(path) * 1048576.0 / bytes);
}

void dropFromPageCache(const QString &path) {
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        die(QStringLiteral("cannot open ") + path);
    fdatasync(fd);
    posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
    ::close(fd);
}

void openBench(const QString &path, bool cold) {
    if (cold)
        dropFromPageCache(path);
    const double rssBefore = memoryMiB("VmRSS:");
    QElapsedTimer timer;
    timer.start();
    QString error;
    std::optional<LoadedSession> loaded = SessionLoader::load(path, {1, 0, nullptr}, &error);
    if (!loaded)
        die(error);
    const double loadSeconds = timer.nsecsElapsed() / 1e9;
    const qsizetype rows = loaded->index.size();
    const qsizetype indexBytes = loaded->index.approximateBytes();
    const qsizetype strings = loaded->index.strings().size();
    const qsizetype events = loaded->index.events().eventCount();
    CaptureStore store;
    if (!store.adopt(std::move(*loaded), &error))
        die(error);
    const double totalSeconds = timer.nsecsElapsed() / 1e9;
    const double rssAfter = memoryMiB("VmRSS:");
    // Prove the store answers: a lookup and a full read of the last capture.
    timer.restart();
    const qint64 lastId = store.row(store.size() - 1).id;
    const std::optional<AnalysedCapture> last = store.capture(lastId, &error);
    if (!last)
        die(error);
    const double readMs = timer.nsecsElapsed() / 1e6;
    // A heap trim on this thread with the session open, then Clear as the window's
    // thread sees it: it frees the index and hands the trim to a pool thread.
    timer.restart();
    HeapTrim::releaseFreePages();
    const double trimMs = timer.nsecsElapsed() / 1e6;
    const double rssOpen = memoryMiB("VmRSS:");
    timer.restart();
    store.clear();
    const double clearMs = timer.nsecsElapsed() / 1e6;
    QThreadPool::globalInstance()->waitForDone();
    std::printf("heap trim here: %.2f ms with the session open; clear: %.1f ms on this thread, "
                "RSS %.0f -> %.0f MiB once the pool's trim is done\n",
                trimMs, clearMs, rssOpen, memoryMiB("VmRSS:"));
    std::printf("open (%s cache): %lld captures, %lld events in %.2f s (index read %.2f s); "
                "RSS %.0f -> %.0f MiB (+%.0f MiB, peak %.0f MiB); index ~%.0f MiB, %lld pooled "
                "strings; read capture %lld (%lld-byte body) in %.2f ms\n",
                cold ? "cold" : "warm", qlonglong(rows), qlonglong(events), totalSeconds,
                loadSeconds, rssBefore, rssAfter, rssAfter - rssBefore, memoryMiB("VmHWM:"),
                indexBytes / 1048576.0, qlonglong(strings), qlonglong(lastId),
                qlonglong(last->capture.body.size()), readMs);
}

/// The peer for Save As: cp(1) of the same file and an fsync of the copy, which is what
/// any copy must at least do. Returns seconds.
double copyPeer(const QString &path, const QString &target) {
    QElapsedTimer timer;
    timer.start();
    QProcess cp;
    cp.start(QStringLiteral("cp"), {QStringLiteral("--reflink=never"), path, target});
    if (!cp.waitForFinished(-1) || cp.exitCode() != 0)
        die(QStringLiteral("cp failed: ") + QString::fromLocal8Bit(cp.readAllStandardError()));
    const int fd = ::open(QFile::encodeName(target).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0)
        die(QStringLiteral("cannot fsync ") + target);
    ::close(fd);
    return timer.nsecsElapsed() / 1e9;
}

void saveAsBench(const QString &path, const QString &target) {
    // Alternate with the peer, so both see the same state of the disk and page cache.
    QList<double> ours;
    QList<double> peer;
    for (int round = 0; round < 3; ++round) {
        QElapsedTimer timer;
        timer.start();
        QString error;
        if (!SessionFile::saveCopy(path, target, &error))
            die(error);
        ours.append(timer.nsecsElapsed() / 1e9);
        SessionFile::remove(target, nullptr);
        ::sync();
        peer.append(copyPeer(path, target));
        QFile::remove(target);
        ::sync();
        std::printf("save as: round %d: %.0f MiB in %.2f s (%.0f MiB/s); cp + fsync %.2f s\n",
                    round + 1, fileMiB(path), ours.constLast(), fileMiB(path) / ours.constLast(),
                    peer.constLast());
    }
    std::sort(ours.begin(), ours.end());
    std::sort(peer.begin(), peer.end());
    std::printf("save as: median %.2f s, cp + fsync median %.2f s: %.2fx the peer's time\n",
                ours.at(1), peer.at(1), ours.at(1) / peer.at(1));
}

void exportBench(const QString &path, const QString &outDir, qint64 count) {
    QList<qint64> ids;
    ids.reserve(count);
    for (qint64 id = 1; id <= count; ++id)
        ids.append(id);
    for (SessionExport::Format format :
         {SessionExport::Format::Har, SessionExport::Format::Jsonl}) {
        const bool har = format == SessionExport::Format::Har;
        const QString out =
            outDir + (har ? QStringLiteral("/export.har") : QStringLiteral("/export.jsonl"));
        const double rssBefore = memoryMiB("VmRSS:");
        QElapsedTimer timer;
        timer.start();
        QString error;
        if (!SessionExport::writeFile(path, ids, format, out, {}, &error))
            die(error);
        const double seconds = timer.nsecsElapsed() / 1e9;
        const double mib = QFileInfo(out).size() / 1048576.0;
        std::printf("export %s: %lld captures, %.0f MiB in %.2f s (%.0f captures/s, %.1f MiB/s), "
                    "RSS +%.0f MiB\n",
                    har ? "HAR  " : "JSONL", qlonglong(count), mib, seconds, count / seconds,
                    mib / seconds, memoryMiB("VmRSS:") - rssBefore);
        QFile::remove(out);
    }
}

int runChild(const QStringList &arguments) {
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedChannels);
    child.start(QCoreApplication::applicationFilePath(), arguments);
    child.waitForFinished(-1);
    return child.exitCode();
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    const QString command = args.value(0);
    if (command == QLatin1String("commit")) {
        commitBench(args.value(1, QStringLiteral("2")).toDouble(), args.value(2).toInt());
    } else if (command == QLatin1String("create") && args.size() >= 2) {
        create(args.at(1), args.value(2, QStringLiteral("1000000")).toLongLong(),
               qMax(1, args.value(3, QStringLiteral("4096")).toInt()));
    } else if (command == QLatin1String("open") && args.size() >= 2) {
        openBench(args.at(1), args.contains(QStringLiteral("--cold")));
    } else if (command == QLatin1String("saveas") && args.size() >= 3) {
        saveAsBench(args.at(1), args.at(2));
    } else if (command == QLatin1String("export") && args.size() >= 3) {
        exportBench(args.at(1), args.at(2), args.value(3, QStringLiteral("100000")).toLongLong());
    } else if (command == QLatin1String("all") && args.size() >= 2) {
        const QString dir = args.at(1);
        const QString session = dir + QStringLiteral("/million.mwsession");
        const QString copy = dir + QStringLiteral("/million-copy.mwsession");
        int rc = runChild({QStringLiteral("commit")});
        rc |= runChild({QStringLiteral("create"), session});
        rc |= runChild({QStringLiteral("open"), session});
        rc |= runChild({QStringLiteral("open"), session, QStringLiteral("--cold")});
        rc |= runChild({QStringLiteral("saveas"), session, copy});
        rc |= runChild({QStringLiteral("export"), session, dir});
        SessionFile::remove(session, nullptr);
        SessionFile::remove(copy, nullptr);
        // The same million written as the live pipeline writes it, a few captures a
        // commit, so that the tables' pages interleave page by page; then a cold open.
        const QString live = dir + QStringLiteral("/million-live.mwsession");
        rc |= runChild(
            {QStringLiteral("create"), live, QStringLiteral("1000000"), QStringLiteral("8")});
        rc |= runChild({QStringLiteral("open"), live, QStringLiteral("--cold")});
        SessionFile::remove(live, nullptr);
        return rc;
    } else {
        std::fprintf(stderr,
                     "usage: bench_session commit [s] | create <file> [n] [batch] | open <file> "
                     "[--cold] | saveas <file> <target> | export <file> <dir> [n] | all <dir>\n");
        return 2;
    }
    return 0;
}
