// Measures WebhookDecoder::decode end to end on one thread.
//
// Usage: bench_decode [seconds per case, default 2] [only cases whose name contains this]

#include "mews/secrets.h"
#include "mews/webhookdecoder.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QString>

#include <cstdio>
#include <ctime>
#include <functional>

namespace {

QByteArray readFile(const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s: %s\n", qPrintable(path),
                     qPrintable(file.errorString()));
        std::exit(2);
    }
    return file.readAll();
}

QByteArray guid(QRandomGenerator &random) {
    const QByteArray hex = QByteArray::number(random.generate64(), 16).rightJustified(16, '0') +
                           QByteArray::number(random.generate64(), 16).rightJustified(16, '0');
    return hex.mid(0, 8) + '-' + hex.mid(8, 4) + '-' + hex.mid(12, 4) + '-' + hex.mid(16, 4) + '-' +
           hex.mid(20, 12);
}

// A legacy-form General webhook of at least `minimumSize` bytes: hundreds of events
// of every kind, each ServiceOrder/Resource/Message event with its entity in Entities.
QByteArray generatedGeneralWebhook(qsizetype minimumSize) {
    QRandomGenerator random(20250314);
    QByteArray events;
    QByteArray orders;
    QByteArray resources;
    QByteArray messages;
    int count = 0;
    const auto append = [](QByteArray &list, const QByteArray &item) {
        if (!list.isEmpty())
            list += ",\n";
        list += item;
    };
    while (events.size() + orders.size() + resources.size() + messages.size() < minimumSize) {
        const QByteArray id = guid(random);
        const char *discriminator = nullptr;
        switch (count % 5) {
        case 0:
        case 1:
            discriminator = "ServiceOrderUpdated";
            append(orders,
                   "{\"Id\":\"" + id + "\",\"ServiceId\":\"" + guid(random) + "\",\"GroupId\":\"" +
                       guid(random) + "\",\"Number\":\"" + QByteArray::number(40000 + count) +
                       "\",\"State\":\"Confirmed\",\"Origin\":\"Distributor\","
                       "\"CreatedUtc\":\"2025-03-10T18:42:07Z\",\"UpdatedUtc\":\"2025-03-14T09:25:"
                       "58Z\","
                       "\"CancelledUtc\":null,\"StartUtc\":\"2025-04-18T14:00:00Z\","
                       "\"EndUtc\":\"2025-04-21T10:00:00Z\",\"ReleasedUtc\":null,"
                       "\"RequestedCategoryId\":\"" +
                       guid(random) + "\",\"AssignedResourceId\":\"" + guid(random) +
                       "\",\"AssignedResourceLocked\":false,\"BusinessSegmentId\":null,"
                       "\"CompanyId\":null,\"TravelAgencyId\":null,\"AvailabilityBlockId\":null,"
                       "\"RateId\":\"" +
                       guid(random) + "\",\"VoucherId\":null,\"CustomerId\":\"" + guid(random) +
                       "\",\"PersonCounts\":[{\"AgeCategoryId\":\"" + guid(random) +
                       "\",\"Count\":2}]}");
            break;
        case 2:
            discriminator = "ResourceUpdated";
            append(resources,
                   "{\"Id\":\"" + id +
                       "\",\"IsActive\":true,\"ParentResourceId\":null,"
                       "\"Name\":\"" +
                       QByteArray::number(100 + count) +
                       "\",\"State\":\"Dirty\",\"Descriptions\":{\"en-US\":\"Double room\"},"
                       "\"CreatedUtc\":\"2019-06-03T08:15:00Z\",\"UpdatedUtc\":\"2025-03-14T09:21:"
                       "37Z\","
                       "\"Data\":{\"Discriminator\":\"Space\",\"Value\":{\"FloorNumber\":\"3\","
                       "\"LocationNotes\":\"\"}}}");
            break;
        case 3:
            discriminator = "MessageAdded";
            append(messages,
                   "{\"Id\":\"" + id + "\",\"MessageThreadId\":\"" + guid(random) +
                       "\",\"Text\":\"Your room is ready.\",\"Sender\":{\"Discriminator\":"
                       "\"Application\",\"Value\":null},\"CreatedUtc\":\"2025-03-14T09:23:05Z\"}");
            break;
        default:
            discriminator = count % 2 ? "CustomerUpdated" : "PaymentUpdated";
            break;
        }
        append(events, QByteArray("{\"Discriminator\":\"") + discriminator +
                           "\",\"Value\":{\"Id\":\"" + id + "\"}}");
        ++count;
    }
    return "{\"EnterpriseId\":\"3b0f6c1e-5d2a-4f7e-9a41-6c2d8e0b7f15\","
           "\"IntegrationId\":\"0c9a7e52-8b1d-4e63-a0f4-2d7b5c19e8a6\",\n\"Events\":[\n" +
           events + "],\n\"Entities\":{\"ServiceOrders\":[\n" + orders + "],\n\"Resources\":[\n" +
           resources + "],\n\"Messages\":[\n" + messages + "],\n\"ResourceBlocks\":[]}}\n";
}

// A General webhook of `count` events. With `sameId` every event names one customer
// (a hostile or broken sender); otherwise every event has its own unknown discriminator.
// Decoding must stay linear in either: compare the MB/s of the two sizes.
QByteArray generatedRepeats(int count, bool sameId) {
    QByteArray events;
    for (int i = 0; i < count; ++i) {
        if (i > 0)
            events += ",\n";
        events += sameId ? QByteArray("{\"Discriminator\":\"CustomerUpdated\",\"Value\":{\"Id\":"
                                      "\"11111111-2222-4333-8444-555555555555\"}}")
                         : "{\"Discriminator\":\"Future" + QByteArray::number(i) +
                               "Happened\",\"Value\":{\"Id\":\"" + QByteArray::number(i) + "\"}}";
    }
    return "{\"EnterpriseId\":\"3b0f6c1e-5d2a-4f7e-9a41-6c2d8e0b7f15\","
           "\"IntegrationId\":\"0c9a7e52-8b1d-4e63-a0f4-2d7b5c19e8a6\",\n\"Events\":[\n" +
           events + "]}\n";
}

struct Measurement {
    qint64 runs = 0;
    double seconds = 0;    // wall clock
    double cpuSeconds = 0; // this thread's CPU time: the rate of one core, whatever else runs
};

double threadCpuSeconds() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) + double(now.tv_nsec) / 1e9;
}

Measurement measure(double minimumSeconds, const std::function<void()> &work) {
    for (int i = 0; i < 3; ++i)
        work(); // warm up: schema load, allocator
    Measurement result;
    QElapsedTimer timer;
    timer.start();
    const double cpuStart = threadCpuSeconds();
    qint64 batch = 1;
    while (true) {
        for (qint64 i = 0; i < batch; ++i)
            work();
        result.runs += batch;
        result.seconds = double(timer.nsecsElapsed()) / 1e9;
        result.cpuSeconds = threadCpuSeconds() - cpuStart;
        if (result.seconds >= minimumSeconds)
            return result;
        batch = qMin<qint64>(batch * 2, 4096);
    }
}

void report(const char *what, const char *name, const QByteArray &body, const Measurement &m) {
    const double perCpuSecond = double(m.runs) / m.cpuSeconds;
    const double perSecond = double(m.runs) / m.seconds;
    std::printf("%-7s %-40s %8lld B  %9.0f captures/s  %7.1f MB/s  (per CPU second; wall: %9.0f/s, "
                "%lld runs in %.2f s)\n",
                what, name, static_cast<long long>(body.size()), perCpuSecond,
                perCpuSecond * double(body.size()) / 1e6, perSecond, static_cast<long long>(m.runs),
                m.seconds);
}

int bench(const char *name, const QByteArray &body, double seconds, bool expectClean) {
    const WebhookDecoder decoder;
    const MewsAnalysis analysis = decoder.decode(body, "application/json");
    const bool clean = analysis.count(FindingSeverity::Error) == 0 &&
                       analysis.count(FindingSeverity::Warning) == 0;
    if (expectClean && !clean) {
        std::fprintf(
            stderr, "%s: unexpected findings, the benchmark would measure the wrong thing\n", name);
        for (const ContractFinding &finding : analysis.findings)
            std::fprintf(stderr, "  %s: %s\n", qPrintable(finding.path),
                         qPrintable(finding.message));
        return 1;
    }
    std::printf("%-48s -> %s\n", name, qPrintable(analysis.summary().left(100)));
    report("decode", name, body, measure(seconds, [&]() {
               const MewsAnalysis result = decoder.decode(body, "application/json");
               if (result.kind == WebhookKind::NotJson)
                   std::abort();
           }));
    report("mask", name, body, measure(seconds / 2, [&]() {
               if (Secrets::maskBody(body).isEmpty())
                   std::abort();
           }));
    return 0;
}

} // namespace

int main(int argc, char **argv) {
    const double seconds = argc > 1 ? QByteArray(argv[1]).toDouble() : 2.0;
    if (seconds <= 0) {
        std::fprintf(stderr, "usage: %s [seconds per case] [name part]\n", argv[0]);
        return 2;
    }
    // An optional name part runs only the cases whose name contains it.
    const QByteArray only = argc > 2 ? QByteArray(argv[2]) : QByteArray();
    const QString samples = QStringLiteral(MWI_SAMPLES_DIR "/");
    const auto sample = [&samples](const char *path) {
        return [path, &samples] {
            return readFile(samples + QLatin1String(path));
        };
    };
    struct Case {
        const char *name;
        std::function<QByteArray()> body; // read or generated only when the case runs
        bool expectClean;
    };
    const Case cases[] = {
        {"general-2k.json (2 KB General, legacy)",
         [] { return readFile(QStringLiteral(MWI_BENCH_DATA_DIR "/general-2k.json")); }, true},
        {"samples/general-ServiceOrderUpdated.json",
         sample("samples/general-ServiceOrderUpdated.json"), true},
        {"samples/general-current-format.json", sample("samples/general-current-format.json"),
         true},
        {"samples/integration-IntegrationCreated.json",
         sample("samples/integration-IntegrationCreated.json"), true},
        {"malformed/trailing-comma-in-events.txt", sample("malformed/trailing-comma-in-events.txt"),
         false},
        {"generated 1 MB General, legacy Entities", [] { return generatedGeneralWebhook(1 << 20); },
         true},
        {"generated 5,000 events, one Id", [] { return generatedRepeats(5000, true); }, false},
        {"generated 20,000 events, one Id", [] { return generatedRepeats(20000, true); }, false},
        {"generated 5,000 unknown discriminators", [] { return generatedRepeats(5000, false); },
         false},
        {"generated 20,000 unknown discriminators", [] { return generatedRepeats(20000, false); },
         false},
    };
    int failures = 0;
    for (const Case &c : cases) {
        if (QByteArrayView(c.name).contains(only))
            failures += bench(c.name, c.body(), seconds, c.expectClean);
    }
    return failures == 0 ? 0 : 1;
}
