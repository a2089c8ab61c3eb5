#include "detailtestdata.h"

#include "models/entityhistorymodel.h"
#include "session/capturestore.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace DetailTestData;

namespace {

const QByteArray Reservation = QByteArrayLiteral("8d4e2a17-6c3b-4f90-b5e1-7a2c9d0f3e68");

QByteArray currentForm(const char *discriminator, const QByteArray &id) {
    return QByteArrayLiteral(R"({"EnterpriseId":"3b0f6c1e-5d2a-4f7e-9a41-6c2d8e0b7f15",)"
                             R"("IntegrationId":"0c9a7e52-8b1d-4e63-a0f4-2d7b5c19e8a6",)"
                             R"("Events":[{"Discriminator":")") +
           discriminator + R"(","Value":{"Id":")" + id + R"("}}]})";
}

} // namespace

class TestEntityHistoryModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void listsEveryVersionOfTheSession();
    void marksTheCurrentCapture();
    void passesModelTester();

private:
    QTemporaryDir m_dir;
    CaptureStore m_store;
    QList<AnalysedCapture> m_written;
};

void TestEntityHistoryModel::initTestCase() {
    QVERIFY(m_dir.isValid());
    const QString path = m_dir.filePath(QStringLiteral("history.mwsession"));
    m_written = writeSession(
        path,
        {webhook(currentForm("ServiceOrderUpdated", Reservation), 1),
         webhook(currentForm("ResourceUpdated", "4a6c8e0b-3d5f-4b71-8e2a-c4d6f8a0b1c3"), 2),
         webhook(TestSupport::readData(QStringLiteral("samples/general-ServiceOrderUpdated.json")),
                 3),
         webhook(currentForm("ServiceOrderUpdated", Reservation), 4)});
    QSignalSpy opened(&m_store, &CaptureStore::opened);
    m_store.openAsync(path);
    QVERIFY(opened.wait(10000));
    QCOMPARE(m_store.size(), 4);
}

void TestEntityHistoryModel::listsEveryVersionOfTheSession() {
    QString error;
    const QList<EntityVersion> versions =
        m_store.entityHistory(QString::fromLatin1(Reservation), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(versions.size(), 3);
    EntityHistoryModel model;
    model.setHistory(QString::fromLatin1(Reservation), QStringLiteral("Reservation"), versions,
                     m_written.at(2).capture.id);
    QCOMPARE(model.entityId(), QString::fromLatin1(Reservation));
    QCOMPARE(model.entityType(), QStringLiteral("Reservation"));
    QCOMPARE(model.rowCount(), 3);
    const QList<int> captures{0, 2, 3};
    for (int row = 0; row < 3; ++row) {
        const Capture &capture = m_written.at(captures.at(row)).capture;
        QCOMPARE(model.index(row, 0).data(EntityHistoryModel::CaptureIdRole).toLongLong(),
                 capture.id);
        QCOMPARE(model.index(row, EntityHistoryModel::ReceivedColumn)
                     .data(EntityHistoryModel::SortRole)
                     .toLongLong(),
                 capture.firstByteUtcMs);
        QCOMPARE(model.index(row, EntityHistoryModel::EventColumn).data().toString(),
                 QStringLiteral("ServiceOrderUpdated"));
        QVERIFY(!model.index(row, EntityHistoryModel::ReceivedColumn).data().toString().isEmpty());
    }
    QCOMPARE(model.index(0, EntityHistoryModel::SnapshotColumn).data().toString(),
             QStringLiteral("Id only"));
    QCOMPARE(model.index(1, EntityHistoryModel::SnapshotColumn).data().toString(),
             QStringLiteral("embedded at Entities.ServiceOrders[0]"));
    QCOMPARE(model.index(1, 0).data(EntityHistoryModel::PathRole).toString(),
             QStringLiteral("Entities.ServiceOrders[0]"));
    QCOMPARE(model.version(1).collection, QStringLiteral("ServiceOrders"));
}

void TestEntityHistoryModel::marksTheCurrentCapture() {
    QString error;
    const QList<EntityVersion> versions =
        m_store.entityHistory(QString::fromLatin1(Reservation), &error);
    EntityHistoryModel model;
    const qint64 current = m_written.at(3).capture.id;
    model.setHistory(QString::fromLatin1(Reservation), QStringLiteral("Reservation"), versions,
                     current);
    QCOMPARE(model.otherCaptureCount(), 2);
    for (int row = 0; row < model.rowCount(); ++row) {
        const bool isCurrent = model.version(row).captureId == current;
        QCOMPARE(model.index(row, 0).data(EntityHistoryModel::CurrentRole).toBool(), isCurrent);
        QCOMPARE(model.index(row, 0).data().toString().contains(QStringLiteral("this capture")),
                 isCurrent);
    }
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.otherCaptureCount(), 0);
}

void TestEntityHistoryModel::passesModelTester() {
    EntityHistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QString error;
    model.setHistory(QString::fromLatin1(Reservation), QStringLiteral("Reservation"),
                     m_store.entityHistory(QString::fromLatin1(Reservation), &error), 1);
    QVERIFY(model.rowCount() > 0);
    model.setHistory(QStringLiteral("unknown"), QString(),
                     m_store.entityHistory(QStringLiteral("unknown"), &error), 1);
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestEntityHistoryModel)
#include "tst_entityhistorymodel.moc"
