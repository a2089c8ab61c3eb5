#include "../models/modeltestdata.h"
#include "scratchhome.h"
#include "scriptedprompts.h"

#include "live/capturefeed.h"
#include "session/capturepipeline.h"
#include "session/capturestore.h"
#include "session/livesession.h"
#include "session/sessionswitcher.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace ModelTestData;

namespace {

constexpr int Wait = 20000;

} // namespace

/// The real pipeline, store and feed under a SessionSwitcher, with scripted answers.
class TestSessionSwitcher : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void switchesAndLoads();
    void discardsWhatWasLeft_data();
    void discardsWhatWasLeft();
    void goesBackWhenTheFileCannotBeRecordedInto();
    void fallsBackToUntitledWhenNothingWasOpen();
    void failsWithoutSessionWhenNothingCanBeOpened();
    void readsNoMoreAfterAbandon();
    void chooseLeftover_data();
    void chooseLeftover();

private:
    /// Switches and waits for the end; false when it did not end with finished().
    bool switchAndWait(const QString &current, bool currentUntitled, const QString &path,
                       bool untitled);
    QString textFile(const QString &name);

    QTemporaryDir m_dir;
    std::unique_ptr<ScriptedPrompts> m_prompts;
    std::unique_ptr<CapturePipeline> m_pipeline;
    std::unique_ptr<CaptureStore> m_store;
    std::unique_ptr<CaptureFeed> m_feed;
    std::unique_ptr<SessionSwitcher> m_switcher;
};

void TestSessionSwitcher::init() {
    QVERIFY(m_dir.isValid());
    m_prompts = std::make_unique<ScriptedPrompts>();
    m_pipeline = std::make_unique<CapturePipeline>();
    m_store = std::make_unique<CaptureStore>();
    m_feed = std::make_unique<CaptureFeed>(m_store.get());
    m_switcher = std::make_unique<SessionSwitcher>(m_pipeline.get(), m_store.get(), m_feed.get(),
                                                   m_prompts.get());
}

void TestSessionSwitcher::cleanup() {
    QSignalSpy down(m_pipeline.get(), &CapturePipeline::shutDown);
    m_pipeline->shutdown();
    QVERIFY(down.count() > 0 || down.wait(Wait));
    m_switcher.reset();
    m_feed.reset();
    m_store.reset();
    m_pipeline.reset();
    for (const SessionInfo &left : LiveSession::findRecoverable())
        LiveSession::discard(left.path, nullptr);
}

bool TestSessionSwitcher::switchAndWait(const QString &current, bool currentUntitled,
                                        const QString &path, bool untitled) {
    QSignalSpy finished(m_switcher.get(), &SessionSwitcher::finished);
    m_switcher->switchTo(current, currentUntitled, path, untitled);
    return finished.wait(Wait) && !m_switcher->isActive();
}

QString TestSessionSwitcher::textFile(const QString &name) {
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write("not a session\n");
    return path;
}

void TestSessionSwitcher::switchesAndLoads() {
    const QString path = m_dir.filePath(QStringLiteral("named.mwsession"));
    writeSession(path, mixedCaptures());
    QSignalSpy switched(m_switcher.get(), &SessionSwitcher::switched);
    QSignalSpy finished(m_switcher.get(), &SessionSwitcher::finished);
    m_switcher->switchTo(QString(), true, path, false);
    QVERIFY(m_switcher->isActive());
    QVERIFY(finished.wait(Wait));
    QCOMPARE(switched.size(), 1);
    QCOMPARE(switched.at(0).at(0).toString(), path);
    QCOMPARE(switched.at(0).at(1).toBool(), false);
    QCOMPARE(finished.at(0).at(0).toString(), path);
    QVERIFY(!m_switcher->isActive());
    QCOMPARE(m_store->size(), mixedCaptures().size());
    QVERIFY(m_prompts->asked.isEmpty());
}

void TestSessionSwitcher::discardsWhatWasLeft_data() {
    QTest::addColumn<bool>("withCaptures");
    QTest::addColumn<bool>("confirmed");
    QTest::addColumn<bool>("deleted");
    QTest::newRow("empty") << false << false << true;
    QTest::newRow("captures, not asked") << true << false << false;
    QTest::newRow("captures, user said discard") << true << true << true;
}

void TestSessionSwitcher::discardsWhatWasLeft() {
    QFETCH(bool, withCaptures);
    QFETCH(bool, confirmed);
    QFETCH(bool, deleted);
    const QString untitled = LiveSession::newPath();
    if (withCaptures)
        writeSession(untitled, mixedCaptures());
    QVERIFY(switchAndWait(QString(), true, untitled, true));
    const QString named = m_dir.filePath(QStringLiteral("next.mwsession"));
    writeSession(named, {webhook("{}", 1)});

    m_switcher->discardAfterSwitch(untitled, confirmed);
    QVERIFY(m_switcher->hasDiscard());
    QVERIFY(switchAndWait(untitled, true, named, false));
    QVERIFY(!m_switcher->hasDiscard());
    QCOMPARE(!QFile::exists(untitled), deleted);
    QCOMPARE(m_store->size(), qsizetype(1));
    QFile::remove(named);
}

void TestSessionSwitcher::goesBackWhenTheFileCannotBeRecordedInto() {
    const QString good = m_dir.filePath(QStringLiteral("good.mwsession"));
    writeSession(good, mixedCaptures());
    QVERIFY(switchAndWait(QString(), true, good, false));
    const QString bad = textFile(QStringLiteral("bad.mwsession"));

    QSignalSpy switched(m_switcher.get(), &SessionSwitcher::switched);
    QSignalSpy failed(m_switcher.get(), &SessionSwitcher::failedWithoutSession);
    m_switcher->discardAfterSwitch(good, true); // forgotten: the switch does not happen
    QVERIFY(switchAndWait(good, false, bad, false));
    QCOMPARE(m_prompts->errors.size(), 1);
    QVERIFY2(m_prompts->errors.at(0).contains(QStringLiteral("cannot be recorded into")),
             qPrintable(m_prompts->errors.at(0)));
    QCOMPARE(switched.size(), 1);
    QCOMPARE(switched.at(0).at(0).toString(), good); // back where it was
    QCOMPARE(switched.at(0).at(1).toBool(), false);
    QCOMPARE(failed.size(), 0);
    QVERIFY(QFile::exists(good));
    QCOMPARE(m_store->size(), mixedCaptures().size());
}

void TestSessionSwitcher::fallsBackToUntitledWhenNothingWasOpen() {
    const QString bad = textFile(QStringLiteral("start.mwsession"));
    QSignalSpy switched(m_switcher.get(), &SessionSwitcher::switched);
    QVERIFY(switchAndWait(QString(), true, bad, false));
    QCOMPARE(m_prompts->errors.size(), 1);
    QCOMPARE(switched.size(), 1);
    const QString fallback = switched.at(0).at(0).toString();
    QVERIFY(fallback != bad);
    QVERIFY(switched.at(0).at(1).toBool());
    QVERIFY(QFile::exists(fallback));
    QCOMPARE(m_store->size(), qsizetype(0));
}

void TestSessionSwitcher::failsWithoutSessionWhenNothingCanBeOpened() {
    // An untitled session that cannot be recorded into, with nothing open before: there
    // is nothing to go back to, and a new untitled one would be the same mistake again.
    const QString bad = textFile(QStringLiteral("untitled.mwsession"));
    QSignalSpy switched(m_switcher.get(), &SessionSwitcher::switched);
    QSignalSpy failed(m_switcher.get(), &SessionSwitcher::failedWithoutSession);
    m_switcher->switchTo(QString(), true, bad, true);
    QVERIFY(failed.wait(Wait));
    QCOMPARE(failed.size(), 1);
    QVERIFY(!failed.at(0).at(0).toString().isEmpty());
    QCOMPARE(switched.size(), 0);
    QCOMPARE(m_prompts->errors.size(), 1);
    QVERIFY(!m_switcher->isActive());
}

void TestSessionSwitcher::readsNoMoreAfterAbandon() {
    const QString path = m_dir.filePath(QStringLiteral("abandoned.mwsession"));
    writeSession(path, mixedCaptures());
    QSignalSpy switched(m_switcher.get(), &SessionSwitcher::switched);
    QSignalSpy finished(m_switcher.get(), &SessionSwitcher::finished);
    QSignalSpy opened(m_pipeline.get(), &CapturePipeline::sessionOpened);
    m_switcher->switchTo(QString(), true, path, false);
    m_switcher->abandon();
    QVERIFY(!m_switcher->isActive());
    QVERIFY(opened.wait(Wait)); // the pipeline went on; the switcher no longer follows
    QTest::qWait(100);
    QCOMPARE(switched.size(), 0);
    QCOMPARE(finished.size(), 0);
    QCOMPARE(m_store->size(), qsizetype(0));
}

void TestSessionSwitcher::chooseLeftover_data() {
    QTest::addColumn<int>("answer");
    QTest::newRow("recover") << int(SessionPrompts::Recovery::Recover);
    QTest::newRow("discard") << int(SessionPrompts::Recovery::Discard);
    QTest::newRow("later") << int(SessionPrompts::Recovery::Later);
}

void TestSessionSwitcher::chooseLeftover() {
    QFETCH(int, answer);
    // What a killed run leaves: captures in a live file that is not marked clean.
    const QString leftover = LiveSession::newPath();
    writeSession(leftover, mixedCaptures());
    {
        SessionFile file;
        QString error;
        QVERIFY2(file.open(leftover, SessionFile::Durability::Normal, &error), qPrintable(error));
        file.close();
    }
    QCOMPARE(LiveSession::findRecoverable().size(), 1);
    m_prompts->recovery = SessionPrompts::Recovery(answer);
    const QString chosen = m_switcher->chooseLeftover(LiveSession::findRecoverable());
    QCOMPARE(m_prompts->asked, QStringList{QStringLiteral("recover")});
    switch (SessionPrompts::Recovery(answer)) {
    case SessionPrompts::Recovery::Recover:
        QCOMPARE(chosen, leftover);
        QVERIFY(QFile::exists(leftover));
        break;
    case SessionPrompts::Recovery::Discard:
        QVERIFY(chosen.isEmpty());
        QVERIFY(!QFile::exists(leftover));
        break;
    case SessionPrompts::Recovery::Later:
        QVERIFY(chosen.isEmpty());
        QCOMPARE(LiveSession::findRecoverable().size(), 1);
        break;
    }
}

int main(int argc, char *argv[]) {
    return ScratchHome::run<TestSessionSwitcher>(argc, argv, QStringLiteral("tst_sessionswitcher"));
}

#include "tst_sessionswitcher.moc"
