#include "sessiontestdata.h"

#include "session/capturereader.h"
#include "session/sessionloader.h"
#include "session/sessionsalvage.h"
#include "session/sqlitedatabase.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace SessionTestData;

namespace {

constexpr int Captures = 1500;

/// A body of about 2 KiB that names its capture, so a copy can be checked byte by byte.
QByteArray bodyOf(int n) {
    QByteArray body = R"({"Events":[{"Discriminator":"ServiceOrderUpdated","Value":{"Id":")" +
                      QByteArray::number(n) + R"("}}],"Padding":")";
    while (body.size() < 2000)
        body += QByteArray::number(n * 7919 + body.size());
    return body + "\"}";
}

QList<Capture> manyCaptures() {
    QList<Capture> captures;
    for (int n = 1; n <= Captures; ++n)
        captures.append(webhook(bodyOf(n), n));
    return captures;
}

QSet<qint64> idsIn(const QString &path) {
    SqliteDatabase db;
    QSet<qint64> ids;
    if (!db.open(path, SqliteDatabase::Mode::ReadOnly, nullptr))
        return ids;
    SqliteStatement query = db.prepare("SELECT id FROM captures", nullptr);
    while (query.step() == SqliteStatement::Step::Row)
        ids.insert(query.columnInt(0));
    return ids;
}

} // namespace

/// Real session files in a temporary folder, damaged page by page where dbstat says a
/// table's rows are.
class TestSessionSalvage : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void copiesAnIntactFileWhole();
    void keepsCapturesWhosePayloadPageIsDamaged();
    void rebuildsTheCaptureRowsOfADamagedPage();
    void losesCapturesWhoseRequestWasDamagedToo();
    void reportsTheEndOfATableAsUnreadable();
    void refusesWhatIsNotASession();
    void saysWhenTheSessionDetailsWereLost();
    void cancellingLeavesTheTargetAsItWas();

private:
    QString m_source;
    QString m_target;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestSessionSalvage::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_source = m_dir->filePath(QStringLiteral("damaged.mwsession"));
    m_target = m_dir->filePath(QStringLiteral("salvaged.mwsession"));
    writeSession(m_source, manyCaptures());
}

void TestSessionSalvage::copiesAnIntactFileWhole() {
    const SessionSalvage::Report report = SessionSalvage::salvage(m_source, m_target);
    QVERIFY2(report.ok, qPrintable(report.error));
    QCOMPARE(report.captures, Captures);
    QCOMPARE(report.damagedStretches, 0);
    QCOMPARE(report.withoutPayload, 0);
    QCOMPARE(report.withoutAnalysis, 0);
    QVERIFY(
        report.summary(m_source, m_target, QLocale::c()).contains(QStringLiteral("everything")));

    QString error;
    const auto loaded = SessionLoader::load(m_target, SessionLoader::Options::current(), &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(loaded->index.size(), Captures);
    QVERIFY(loaded->needingAnalysis.isEmpty());
    CaptureReader reader;
    QVERIFY2(reader.open(m_target, &error), qPrintable(error));
    for (int id : {1, Captures / 2, Captures}) {
        const auto capture = reader.read(id, &error);
        QVERIFY2(capture, qPrintable(error));
        QCOMPARE(capture->capture.body, bodyOf(id));
        QCOMPARE(capture->capture.rawHead, webhook(bodyOf(id), id).rawHead);
        QCOMPARE(capture->capture.remotePort, quint16(40000 + id));
    }
    QVERIFY(QDir(m_dir->path()).entryList({QStringLiteral(".*.tmp*")}, QDir::Hidden).isEmpty());
}

void TestSessionSalvage::keepsCapturesWhosePayloadPageIsDamaged() {
    const QList<Leaf> pages = leafPages(m_source, "payloads");
    QVERIFY(pages.size() > 100);
    const Leaf leaf = pages.at(pages.size() / 2);
    QVERIFY(damagePage(m_source, leaf.page));
    QString error;
    {
        CaptureReader reader; // the premise: reading the file whole fails
        QVERIFY(reader.open(m_source, &error));
        QVERIFY(!reader.forEach(
            {}, [](const AnalysedCapture &) { return true; }, &error));
    }

    const SessionSalvage::Report report = SessionSalvage::salvage(m_source, m_target);
    QVERIFY2(report.ok, qPrintable(report.error));
    QCOMPARE(report.captures, Captures); // the captures table is intact
    QVERIFY(report.skipped.isEmpty());
    QCOMPARE(report.damagedStretches, 1);
    QCOMPARE(report.withoutPayload, leaf.lastKey - leaf.firstKey + 1);

    CaptureReader reader;
    QVERIFY(reader.open(m_target, &error));
    int damaged = 0;
    for (int id = 1; id <= Captures; ++id) {
        const auto capture = reader.read(id, &error);
        if (!capture) {
            QVERIFY2(error.contains(QStringLiteral("payload row is missing")), qPrintable(error));
            QVERIFY(id >= leaf.firstKey && id <= leaf.lastKey);
            ++damaged;
            continue;
        }
        QCOMPARE(capture->capture.body, bodyOf(id));
    }
    QCOMPARE(damaged, report.withoutPayload);
    const QString summary = report.summary(m_source, m_target, QLocale::c());
    const QString ids = leaf.firstKey == leaf.lastKey
                            ? QStringLiteral("(id %1)").arg(leaf.firstKey)
                            : QStringLiteral("(ids %1–%2)").arg(leaf.firstKey).arg(leaf.lastKey);
    QVERIFY2(summary.contains(QStringLiteral("listed as damaged")) && summary.contains(ids),
             qPrintable(summary));
}

void TestSessionSalvage::rebuildsTheCaptureRowsOfADamagedPage() {
    const QList<Leaf> pages = leafPages(m_source, "captures");
    QVERIFY(pages.size() >= 5);
    const Leaf leaf = pages.at(pages.size() / 2);
    QVERIFY(damagePage(m_source, leaf.page));
    QString error;
    QVERIFY(!SessionLoader::load(m_source, SessionLoader::Options::current(), &error));

    const SessionSalvage::Report report = SessionSalvage::salvage(m_source, m_target);
    QVERIFY2(report.ok, qPrintable(report.error));
    // Exactly the leaf's ids were unreadable, and each came back from its payload.
    QCOMPARE(report.skipped.size(), 1);
    QCOMPARE(report.skipped.first().first, leaf.firstKey);
    QCOMPARE(report.skipped.first().last, leaf.lastKey);
    QCOMPARE(report.rebuilt, leaf.lastKey - leaf.firstKey + 1);
    QCOMPARE(report.captures, Captures);
    QCOMPARE(idsIn(m_target).size(), Captures);
    QCOMPARE(report.orphans, 0);
    QCOMPARE(report.withoutPayload, 0);

    const auto loaded = SessionLoader::load(m_target, SessionLoader::Options::current(), &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(loaded->index.size(), Captures);
    CaptureReader reader;
    QVERIFY(reader.open(m_target, &error));
    const auto rebuilt = reader.read(leaf.firstKey, &error);
    QVERIFY2(rebuilt, qPrintable(error));
    const Capture original = webhook(bodyOf(int(leaf.firstKey)), int(leaf.firstKey));
    QCOMPARE(rebuilt->capture.body, original.body);
    QCOMPARE(rebuilt->capture.method, original.method);
    QCOMPARE(rebuilt->capture.target, original.target);
    QCOMPARE(rebuilt->capture.path(), original.path());
    QCOMPARE(rebuilt->capture.remoteAddress, QString()); // not stored with the payload
    const QString summary = report.summary(m_source, m_target, QLocale::c());
    QVERIFY2(summary.contains(QStringLiteral("%1–%2").arg(leaf.firstKey).arg(leaf.lastKey)) &&
                 summary.contains(QStringLiteral("rebuilt from the stored request")),
             qPrintable(summary));
}

void TestSessionSalvage::losesCapturesWhoseRequestWasDamagedToo() {
    const QList<Leaf> pages = leafPages(m_source, "captures");
    const Leaf leaf = pages.at(pages.size() / 2);
    const qint64 gone = leaf.firstKey + 2;
    { // the payload of one capture on that page is gone as well
        SqliteDatabase db;
        QVERIFY(db.open(m_source, SqliteDatabase::Mode::ReadWrite, nullptr));
        SqliteStatement remove = db.prepare("DELETE FROM payloads WHERE capture_id = ?1", nullptr);
        remove.bindInt(1, gone);
        QVERIFY(remove.run());
    }
    QCOMPARE(leafPages(m_source, "captures").at(pages.size() / 2).page, leaf.page);
    QVERIFY(damagePage(m_source, leaf.page));

    const SessionSalvage::Report report = SessionSalvage::salvage(m_source, m_target);
    QVERIFY2(report.ok, qPrintable(report.error));
    const QSet<qint64> kept = idsIn(m_target);
    QCOMPARE(kept.size(), Captures - 1);
    QVERIFY(!kept.contains(gone));
    QCOMPARE(report.orphans, 1); // its analysis
    QVERIFY2(report.summary(m_source, m_target, QLocale::c())
                 .contains(QStringLiteral("At most 1 capture is lost")),
             qPrintable(report.summary(m_source, m_target, QLocale::c())));
}

void TestSessionSalvage::reportsTheEndOfATableAsUnreadable() {
    const QList<Leaf> pages = leafPages(m_source, "captures");
    QVERIFY(damagePage(m_source, pages.last().page));

    const SessionSalvage::Report report = SessionSalvage::salvage(m_source, m_target);
    QVERIFY2(report.ok, qPrintable(report.error));
    QCOMPARE(report.skipped.size(), 1);
    QCOMPARE(report.skipped.first().first, pages.last().firstKey);
    QCOMPARE(report.skipped.first().last, -1);
    QCOMPARE(report.rebuilt, Captures - pages.last().firstKey + 1);
    QCOMPARE(idsIn(m_target).size(), Captures);
    QVERIFY(report.summary(m_source, m_target, QLocale::c())
                .contains(QStringLiteral("%1 onwards").arg(pages.last().firstKey)));
}

void TestSessionSalvage::refusesWhatIsNotASession() {
    const QString text = m_dir->filePath(QStringLiteral("notes.txt"));
    QFile file(text);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(4096, 'x'));
    file.close();
    SessionSalvage::Report report = SessionSalvage::salvage(text, m_target);
    QVERIFY(!report.ok);
    QVERIFY2(report.error.contains(QStringLiteral("not a session file")), qPrintable(report.error));
    QVERIFY(!QFile::exists(m_target));

    report = SessionSalvage::salvage(m_source, m_source);
    QVERIFY(!report.ok);
    QVERIFY2(report.error.contains(QStringLiteral("into itself")), qPrintable(report.error));

    // The list of tables (page 1, after the file header) damaged: nothing can be found, and
    // the error must not send the user to a salvage again.
    QFile session(m_source);
    QVERIFY(session.open(QIODevice::ReadWrite) && session.seek(100));
    QCOMPARE(session.write(QByteArray(SessionPageSize - 100, '\xee')), SessionPageSize - 100);
    session.close();
    report = SessionSalvage::salvage(m_source, m_target);
    QVERIFY(!report.ok);
    QVERIFY2(report.error.contains(QStringLiteral("where it lists its tables")) &&
                 !report.error.contains(QStringLiteral("alvage damaged")) &&
                 !report.error.contains(QStringLiteral("--salvage")),
             qPrintable(report.error));
    QVERIFY(!QFile::exists(m_target));
}

void TestSessionSalvage::saysWhenTheSessionDetailsWereLost() {
    SqliteDatabase db;
    QVERIFY(db.open(m_source, SqliteDatabase::Mode::ReadOnly, nullptr));
    const qint64 metaPage =
        db.queryInt("SELECT rootpage FROM sqlite_schema WHERE type = 'table' AND name = 'meta'", 0);
    const QString created = [&db] {
        SqliteStatement read =
            db.prepare("SELECT value FROM meta WHERE key = 'created_utc'", nullptr);
        return read.step() == SqliteStatement::Step::Row ? read.columnText(0) : QString();
    }();
    db.close();
    QVERIFY(metaPage > 1);
    QVERIFY(!created.isEmpty());
    QVERIFY(damagePage(m_source, metaPage));

    const SessionSalvage::Report report = SessionSalvage::salvage(m_source, m_target);
    QVERIFY2(report.ok, qPrintable(report.error));
    QCOMPARE(report.captures, Captures);
    QVERIFY(report.metaDamaged);
    const QString summary = report.summary(m_source, m_target, QLocale::c());
    QVERIFY2(!summary.contains(QStringLiteral("No damaged page")) &&
                 summary.contains(QStringLiteral("own details")),
             qPrintable(summary));
}

void TestSessionSalvage::cancellingLeavesTheTargetAsItWas() {
    QFile existing(m_target);
    QVERIFY(existing.open(QIODevice::WriteOnly));
    existing.write("an older file");
    existing.close();
    int calls = 0;
    const SessionSalvage::Report report = SessionSalvage::salvage(
        m_source, m_target, [&](int permille) { return ++calls < 3 && permille < 1000; });
    QVERIFY(!report.ok);
    QVERIFY(report.cancelled);
    QCOMPARE(calls, 3);
    QVERIFY(existing.open(QIODevice::ReadOnly));
    QCOMPARE(existing.readAll(), QByteArrayLiteral("an older file"));
    const QStringList left =
        QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
    QCOMPARE(left, QStringList({QStringLiteral("damaged.mwsession"),
                                QStringLiteral("salvaged.mwsession")}));
}

QTEST_GUILESS_MAIN(TestSessionSalvage)
#include "tst_sessionsalvage.moc"
