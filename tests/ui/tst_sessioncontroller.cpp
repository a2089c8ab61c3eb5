#include "../models/modeltestdata.h"
#include "filesizelimit.h"
#include "scratchhome.h"

#include "mainwindow.h"
#include "models/capturefilterproxy.h"
#include "models/capturetablemodel.h"
#include "panes/captures/capturetableview.h"
#include "panes/captures/emptystateoverlay.h"
#include "panes/detail/detailpane.h"
#include "session/capturestore.h"
#include "session/exportjob.h"
#include "session/harreader.h"
#include "session/sessioncontroller.h"
#include "session/sqlitedatabase.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QMimeData>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

#include "windowfixture.h"

using namespace ModelTestData;

// Sessions through the window: save, open, drop, HAR. Starting a new one, clearing,
// closing and recovery are in tst_sessioncontrollerlifecycle.cpp.
class TestSessionController : public QObject, private WindowFixture {
    Q_OBJECT

private Q_SLOTS:
    void init() { QVERIFY(setUp()); }
    void cleanup() { tearDown(); }
    void saveAsThenReopenShowsTheSame();
    void openingSaysSoUntilTheRowsAreThere();
    void aSessionDamagedInsideGoesBackToTheOneOpen();
    void webhooksArrivingWhileADamagedSessionLoadsGoBackWithIt();
    void saveAsAsksBeforeReplacingAndKeepsTheOldFileUntilDone();
    void openRefusesWhatItCannotRecordInto_data();
    void openRefusesWhatItCannotRecordInto();
    void dropOpensASession();
    void openingTheOpenSessionByAnotherPathKeepsIt_data();
    void openingTheOpenSessionByAnotherPathKeepsIt();
    void exportAndImportHar();

private:
    /// A session file of 1000 captures with one leaf page of analyses overwritten.
    void writeDamagedSession(const QString &path);
    /// Sends the samples and saves the untitled session as path.
    void saveSamplesAs(const QString &path);
    /// saveSamplesAs() *keep, and writeDamagedSession() *damaged, both in m_dir.
    void saveSamplesBesideADamagedSession(QString *keep, QString *damaged);
};

void TestSessionController::saveAsThenReopenShowsTheSame() {
    sendSamples();
    const QString live = m_window->session()->path();
    QVERIFY(live.startsWith(LiveSession::directory()));
    const QString target = m_dir.filePath(QStringLiteral("saved.mwsession"));
    m_prompts->savePath = target;
    QSignalSpy changed(m_window->session(), &SessionController::sessionChanged);
    m_window->actions().save->trigger(); // untitled: Save is Save As
    QCOMPARE(m_prompts->asked, QStringList{QStringLiteral("savePath")});
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->session()->isBusy(), Wait);
    QCOMPARE(m_window->session()->path(), target);
    QVERIFY(!m_window->session()->isUntitled());
    QVERIFY(!QFile::exists(live)); // moved, not copied
    QVERIFY(m_window->windowTitle().startsWith(QLatin1String("saved.mwsession")));
    QVERIFY(!m_window->windowTitle().contains(QChar(0x2022)));
    QCOMPARE(m_window->store()->size(), qsizetype(samplesCount())); // no reload, same rows
    // Later captures go into the saved file.
    QCOMPARE(post(baseUrl(), TestSupport::readData(QStringLiteral("samples/general-mixed.json"))),
             200);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->store()->size(), qsizetype(samplesCount() + 1), Wait);
    // The detail of an old capture reads from the moved file.
    QVERIFY(m_window->captureView()->selectCapture(m_window->store()->row(0).id));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->detailPane()->captureId(), m_window->store()->row(0).id,
                              Wait);
    // What the table shows of each capture: its events and contract state.
    const auto shown = [this] {
        QStringList rows;
        const QAbstractItemModel *table = m_window->proxy();
        for (int row = 0; row < table->rowCount(); ++row)
            rows.append(table->index(row, CaptureTableModel::EventsColumn).data().toString() +
                        QLatin1Char('|') +
                        table->index(row, CaptureTableModel::StateColumn).data().toString());
        return rows;
    };
    const QStringList before = shown();
    closeWindow(m_window);
    m_window = nullptr;
    QVERIFY(QFile::exists(target)); // a named session is never deleted on close
    QString error;
    QCOMPARE(SessionFile::inspect(target, &error)->captureCount, qint64(samplesCount() + 1));
    QSettings settings;
    QCOMPARE(settings.value(QStringLiteral("session/recent")).toStringList().value(0), target);

    m_window = startWindow(target, false);
    QCOMPARE(m_window->session()->path(), target);
    QCOMPARE(shown().size(), samplesCount() + 1);
    QCOMPARE(shown(), before);
    QVERIFY(m_window->actions().recent->actions().value(0)->text().contains(
        QLatin1String("saved.mwsession")));
}

/// A large session takes seconds to read: meanwhile the table says which file it reads,
/// not that it waits for webhooks.
void TestSessionController::openingSaysSoUntilTheRowsAreThere() {
    const QString target = m_dir.filePath(QStringLiteral("opened.mwsession"));
    saveSamplesAs(target);
    const EmptyStateOverlay *overlay = m_window->captureView()->emptyState();
    QStringList titles;
    connect(m_window->session(), &SessionController::opening, this,
            [&titles, overlay](const QString &path) {
                titles.append(path.isEmpty() ? QStringLiteral("(done)") : overlay->title());
            });
    m_window->actions().newSession->trigger(); // a new session is empty: nothing to say
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->session()->isBusy(), Wait);
    QCOMPARE(m_window->store()->size(), 0);
    QCOMPARE(titles, QStringList());
    QVERIFY(overlay->title().startsWith(QLatin1String("Waiting for webhooks")));

    m_window->session()->open(target);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->session()->isBusy(), Wait);
    QCOMPARE(titles, (QStringList{QStringLiteral("Opening opened.mwsession\u2026"),
                                  QStringLiteral("(done)")}));
    QCOMPARE(m_window->store()->size(), qsizetype(samplesCount()));
    QVERIFY(!overlay->isVisible());
    QVERIFY(!overlay->title().startsWith(QLatin1String("Opening")));
}

/// A file damaged inside a table passes the checks before the switch (they read no rows)
/// and fails as it is read: the window says so and goes back to the session it had.
void TestSessionController::writeDamagedSession(const QString &path) {
    // Enough captures for several leaf pages of analyses; one in the middle is damaged,
    // which only a read of the rows finds.
    QList<Capture> captures;
    for (int n = 1; n <= 1000; ++n)
        captures.append(webhook("{}", n));
    writeSession(path, captures);
    QCOMPARE(QFileInfo(path + QStringLiteral("-wal")).size(), 0); // all in the file
    qint64 leaf = 0;
    {
        SqliteDatabase db;
        QString error;
        QVERIFY2(db.open(path, SqliteDatabase::Mode::ReadOnly, &error), qPrintable(error));
        leaf = db.queryInt("SELECT pageno FROM dbstat WHERE name = 'analyses' AND pagetype = "
                           "'leaf' ORDER BY path LIMIT 1 OFFSET 2",
                           0);
    }
    QVERIFY(leaf > 1);
    constexpr qint64 PageSize = 8192;
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.seek((leaf - 1) * PageSize));
    QCOMPARE(file.write(QByteArray(PageSize, '\xee')), PageSize);
}

void TestSessionController::saveSamplesAs(const QString &path) {
    sendSamples();
    m_prompts->savePath = path;
    m_window->actions().save->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->session()->isBusy(), Wait);
    QCOMPARE(m_window->session()->path(), path);
}

void TestSessionController::saveSamplesBesideADamagedSession(QString *keep, QString *damaged) {
    *keep = m_dir.filePath(QStringLiteral("undamaged.mwsession"));
    saveSamplesAs(*keep);
    *damaged = m_dir.filePath(QStringLiteral("damaged.mwsession"));
    writeDamagedSession(*damaged);
}

void TestSessionController::aSessionDamagedInsideGoesBackToTheOneOpen() {
    QString keep;
    QString damaged;
    saveSamplesBesideADamagedSession(&keep, &damaged);
    if (QTest::currentTestFailed())
        return;

    m_prompts->errors.clear();
    m_window->session()->open(damaged);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->session()->isBusy(), Wait);
    QCOMPARE(m_prompts->errors.size(), 1);
    QVERIFY2(m_prompts->errors.constFirst().contains(QLatin1String("malformed")),
             qPrintable(m_prompts->errors.constFirst()));
    QCOMPARE(m_window->session()->path(), keep);
    QCOMPARE(m_window->store()->size(), qsizetype(samplesCount()));
    QCOMPARE(post(baseUrl(), "{}"), 200); // recording into undamaged.mwsession again
    QTRY_COMPARE_WITH_TIMEOUT(m_window->store()->size(), qsizetype(samplesCount() + 1), Wait);
}

void TestSessionController::webhooksArrivingWhileADamagedSessionLoadsGoBackWithIt() {
    QString keep;
    QString damaged;
    saveSamplesBesideADamagedSession(&keep, &damaged);
    if (QTest::currentTestFailed())
        return;

    // Once the listener records into the damaged file, and before the window has read it
    // (this handler holds the GUI thread), three webhooks are answered from that file.
    const QList<QByteArray> bodies = {R"({"n":1})", R"({"n":2})", R"({"n":3})"};
    QList<int> statuses;
    QMetaObject::Connection posting;
    posting = connect(m_window->session(), &SessionController::sessionChanged, this, [&, this] {
        if (m_window->session()->path() != damaged || !statuses.isEmpty())
            return;
        for (const QByteArray &body : bodies)
            statuses.append(post(baseUrl(), body));
    });
    QSignalSpy messages(m_window->session(), &SessionController::message);
    m_window->session()->open(damaged);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->session()->isBusy(), Wait);
    disconnect(posting);
    QCOMPARE(statuses, QList<int>({200, 200, 200}));
    QCOMPARE(m_window->session()->path(), keep);
    QCOMPARE(m_prompts->errors.size(), 1);

    // They are shown after the session's own captures, numbered on from them, and are in
    // its file; the damaged file keeps its copies.
    const qsizetype own = samplesCount();
    QTRY_COMPARE_WITH_TIMEOUT(m_window->store()->size(), own + bodies.size(), Wait);
    for (qsizetype i = 0; i < bodies.size(); ++i) {
        QString error;
        const std::optional<AnalysedCapture> shown =
            m_window->store()->capture(qint64(own + i + 1), &error);
        QVERIFY2(shown, qPrintable(error));
        QCOMPARE(shown->capture.body, bodies.at(i));
    }
    QVERIFY(std::any_of(messages.cbegin(), messages.cend(), [](const QList<QVariant> &args) {
        return args.constFirst().toString().startsWith(
            QLatin1String("Recorded again in this session: 3 captures that arrived while"));
    }));
    // Written before they were analysed, so before they were shown.
    SqliteDatabase db;
    QString error;
    QVERIFY2(db.open(keep, SqliteDatabase::Mode::ReadOnly, &error), qPrintable(error));
    QCOMPARE(db.queryInt("SELECT count(*) FROM captures", -1), qint64(own + bodies.size()));
    const QByteArray recorded = "SELECT count(*) FROM payloads WHERE capture_id > " +
                                QByteArray::number(own) + " AND CAST(body AS TEXT) LIKE '{\"n\":%'";
    QCOMPARE(db.queryInt(recorded.constData(), -1), qint64(bodies.size()));
}

void TestSessionController::saveAsAsksBeforeReplacingAndKeepsTheOldFileUntilDone() {
    const auto capturesIn = [](const QString &path) {
        QString error;
        const std::optional<SessionInfo> info = SessionFile::inspect(path, &error);
        return info ? info->captureCount : qint64(-1);
    };
    const auto saveAs = [this](const QString &typed) {
        m_prompts->asked.clear();
        m_prompts->savePath = typed;
        m_window->actions().saveAs->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->session()->isBusy(), Wait);
    };
    // The suffix is added to the name as typed: a dialog that asked about "keep" never
    // asked about keep.mwsession.
    sendSamples();
    const QString typed = m_dir.filePath(QStringLiteral("keep"));
    const QString keep = typed + QStringLiteral(".mwsession");
    saveAs(typed);
    QCOMPARE(m_prompts->asked, QStringList{QStringLiteral("savePath")}); // nothing to replace
    QCOMPARE(m_window->session()->path(), keep);
    QCOMPARE(capturesIn(keep), qint64(samplesCount()));

    QSignalSpy loaded(m_window->session(), &SessionController::loaded);
    m_window->session()->newSession();
    QVERIFY(loaded.wait(Wait));
    QVERIFY(m_window->session()->isUntitled());
    for (int i = 0; i < 3; ++i)
        QCOMPARE(post(baseUrl(), "{}"), 200);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->store()->size(), qsizetype(3), Wait);

    m_prompts->confirmAnswer = false;
    saveAs(typed);
    QCOMPARE(m_prompts->asked,
             (QStringList{QStringLiteral("savePath"), QStringLiteral("confirm")}));
    QVERIFY(m_window->session()->isUntitled());
    QCOMPARE(capturesIn(keep), qint64(samplesCount()));
    m_prompts->confirmAnswer = true;
    saveAs(typed);
    QCOMPARE(m_window->session()->path(), keep);
    QCOMPARE(capturesIn(keep), qint64(3));
    QCOMPARE(m_prompts->errors, QStringList());

    // A copy that fails (the disk fills up) leaves the file it was to replace as it was.
    const QString other = m_dir.filePath(QStringLiteral("other.mwsession"));
    writeSession(other, {webhook("{}", 1), webhook("{}", 2)});
    QTRY_VERIFY_WITH_TIMEOUT(m_window->store()->row(2).has(CaptureIndexRow::Analysed), Wait);
    QTest::qWait(600); // the journal has written the analyses: nothing else is written below
    {
        FileSizeLimit limit(8192);
        QVERIFY(limit.ok());
        saveAs(other);
    }
    QCOMPARE(m_prompts->asked, (QStringList{QStringLiteral("savePath"), QStringLiteral("error")}));
    QCOMPARE(m_window->session()->path(), keep);
    QCOMPARE(capturesIn(other), qint64(2));
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden).filter(QLatin1String(".tmp")),
             QStringList());
    QCOMPARE(post(baseUrl(), "{}"), 200); // still recording into keep.mwsession
    QTRY_COMPARE_WITH_TIMEOUT(m_window->store()->size(), qsizetype(4), Wait);
}

void TestSessionController::openRefusesWhatItCannotRecordInto_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<bool>("readOnly");
    QTest::addColumn<QString>("says");
    QTest::newRow("missing") << QStringLiteral("missing.mwsession") << QByteArray() << false
                             << QStringLiteral("does not exist");
    QTest::newRow("text file") << QStringLiteral("notes.mwsession") << QByteArray("not a session\n")
                               << false << QStringLiteral("not a session");
    QTest::newRow("read-only") << QStringLiteral("readonly.mwsession") << QByteArray() << true
                               << QStringLiteral("read-only");
}

void TestSessionController::openRefusesWhatItCannotRecordInto() {
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    QFETCH(bool, readOnly);
    QFETCH(QString, says);
    const QString path = m_dir.filePath(QStringLiteral("refused-") + name);
    if (readOnly && QFileInfo(m_dir.path()).isWritable() && ::geteuid() == 0)
        QSKIP("root writes read-only files; nothing is refused");
    if (readOnly) {
        writeSession(path, {webhook("{}", 1)});
        QFile::setPermissions(path, QFile::ReadOwner);
    } else if (!content.isEmpty()) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }
    const QString before = m_window->session()->path();
    m_window->session()->open(path);
    QCOMPARE(m_prompts->errors.size(), 1);
    QVERIFY2(m_prompts->errors.at(0).contains(says, Qt::CaseInsensitive),
             qPrintable(m_prompts->errors.at(0)));
    QCOMPARE(m_window->session()->path(), before);
    QVERIFY(!m_window->session()->isBusy());
    QCOMPARE(post(baseUrl(), "{}"), 200); // still recording where it was
    QTRY_COMPARE_WITH_TIMEOUT(m_window->store()->size(), qsizetype(1), Wait);
    if (readOnly)
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
}

void TestSessionController::dropOpensASession() {
    sendSamples();
    const QString other = m_dir.filePath(QStringLiteral("dropped.mwsession"));
    QFile::remove(other);
    writeSession(other, mixedCaptures());
    m_prompts->saveUntitled = SessionPrompts::Answer::Discard;
    const QString live = m_window->session()->path();
    QMimeData data;
    data.setUrls({QUrl::fromLocalFile(other)});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QSignalSpy loaded(m_window->session(), &SessionController::loaded);
    QApplication::sendEvent(m_window, &drop);
    QCOMPARE(m_prompts->asked, QStringList{QStringLiteral("saveUntitled")});
    QVERIFY(loaded.wait(Wait));
    QCOMPARE(m_window->session()->path(), other);
    QCOMPARE(m_window->store()->size(), mixedCaptures().size());
    QVERIFY(!QFile::exists(live)); // discarded, as the user said
    // The window records into the opened file now.
    QCOMPARE(post(baseUrl(), "{}"), 200);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->store()->size(), mixedCaptures().size() + 1, Wait);
}

void TestSessionController::openingTheOpenSessionByAnotherPathKeepsIt_data() {
    QTest::addColumn<QString>("spelling");
    QTest::newRow("the same path") << QStringLiteral("named.mwsession");
    QTest::newRow("a symbolic link") << QStringLiteral("link.mwsession");
    QTest::newRow("dir/../file") << QStringLiteral("sub/../named.mwsession");
    QTest::newRow("a linked folder") << QStringLiteral("linkdir/named.mwsession");
}

void TestSessionController::openingTheOpenSessionByAnotherPathKeepsIt() {
    QFETCH(QString, spelling);
    const QString named = m_dir.filePath(QStringLiteral("named.mwsession"));
    QFile::remove(named);
    writeSession(named, mixedCaptures());
    QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("sub")));
    QFile::link(named, m_dir.filePath(QStringLiteral("link.mwsession")));
    QFile::link(m_dir.path(), m_dir.filePath(QStringLiteral("linkdir")));
    SessionController *session = m_window->session();
    QSignalSpy loaded(session, &SessionController::loaded);
    session->open(named);
    QVERIFY(loaded.wait(Wait));
    QTRY_VERIFY_WITH_TIMEOUT(!session->isBusy(), Wait);
    QCOMPARE(session->path(), named);
    QCOMPARE(post(baseUrl(), "{}"), 200);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->store()->size(), mixedCaptures().size() + 1, Wait);

    // The open session is recognised, whatever the path that names it: it is neither
    // left nor refused as open elsewhere, and keeps recording.
    m_prompts->asked.clear();
    QSignalSpy busy(session, &SessionController::busyChanged);
    QSignalSpy message(session, &SessionController::message);
    session->open(m_dir.filePath(spelling));
    QCOMPARE(m_prompts->asked, QStringList());
    QCOMPARE(busy.size(), 0);
    QCOMPARE(message.size(), 1);
    QCOMPARE(message.at(0).at(0).toString(),
             QDir::toNativeSeparators(named) + QStringLiteral(" is already open"));
    QCOMPARE(session->path(), named);
    QCOMPARE(post(baseUrl(), "{}"), 200);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->store()->size(), mixedCaptures().size() + 2, Wait);
}

void TestSessionController::exportAndImportHar() {
    sendSamples();
    const QString har = m_dir.filePath(QStringLiteral("export.har"));
    QFile::remove(har);
    QSignalSpy finished(m_window->exportJob(), &ExportJob::finished);
    QVERIFY(m_window->exportTo(har, true, false));
    QVERIFY(!m_window->exportTo(har, true, false)); // one at a time
    QVERIFY(finished.wait(Wait));
    QCOMPARE(finished.at(0).at(0).value<ExportJob::Result>().error, QString());
    QVERIFY(QFile::exists(har));
    QString error;
    std::optional<HarImport> read;
    read = HarReader::readFile(har, &error);
    QVERIFY2(read, qPrintable(error));
    QCOMPARE(read->captures.size(), samplesCount());
    // Only the selected rows.
    const QString selected = m_dir.filePath(QStringLiteral("selected.jsonl"));
    QFile::remove(selected);
    CaptureTableView *table = m_window->captureView();
    table->selectionModel()->select(table->model()->index(2, 0),
                                    QItemSelectionModel::Select | QItemSelectionModel::Rows);
    table->selectionModel()->select(table->model()->index(4, 0),
                                    QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QCOMPARE(table->selectedCaptureIds().size(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->exportJob()->isRunning(), Wait);
    QSignalSpy exported(m_window->exportJob(), &ExportJob::finished);
    QVERIFY(m_window->exportTo(selected, false, true));
    QVERIFY(exported.wait(Wait));
    QVERIFY(exported.at(0).at(0).value<ExportJob::Result>().ok);
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(selected), Wait);
    QFile lines(selected);
    QVERIFY(lines.open(QIODevice::ReadOnly));
    const QList<QByteArray> written = lines.readAll().trimmed().split('\n');
    QCOMPARE(written.size(), 2);
    // Each says which delivery of its message it is, as the session numbers it.
    for (const QByteArray &line : written) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        const qsizetype position =
            m_window->store()->positionOf(o.value(QStringLiteral("id")).toInteger());
        QVERIFY(position >= 0);
        QVERIFY(m_window->store()->row(position).delivery > 0);
        QCOMPARE(o.value(QStringLiteral("delivery")).toInt(),
                 m_window->store()->row(position).delivery);
    }
    // Importing the HAR appends its requests to the session, analysed.
    QSignalSpy loaded(m_window->session(), &SessionController::loaded);
    m_window->session()->open(har); // by content: a HAR is imported, not opened
    QVERIFY(loaded.wait(Wait));
    QCOMPARE(m_window->store()->size(), qsizetype(2 * samplesCount()));
    const CaptureIndexRow &imported = m_window->store()->row(samplesCount());
    QVERIFY(imported.has(CaptureIndexRow::HarImported));
    QVERIFY(imported.has(CaptureIndexRow::Analysed));
    QCOMPARE(m_prompts->errors, QStringList());
}

int main(int argc, char *argv[]) {
    return ScratchHome::run<TestSessionController>(argc, argv,
                                                   QStringLiteral("tst_sessioncontroller"));
}

#include "tst_sessioncontroller.moc"
