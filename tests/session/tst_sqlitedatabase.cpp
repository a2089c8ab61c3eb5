#include "session/sqlitedatabase.h"

#include <QTemporaryDir>
#include <QTest>

class TestSqliteDatabase : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aValueTooBigIsTheErrorReported();
};

void TestSqliteDatabase::aValueTooBigIsTheErrorReported() {
    QTemporaryDir dir;
    SqliteDatabase db;
    QString error;
    QVERIFY2(db.open(dir.filePath(QStringLiteral("t.db")), SqliteDatabase::Mode::ReadWriteCreate,
                     &error),
             qPrintable(error));
    QVERIFY2(db.exec("CREATE TABLE t (v BLOB NOT NULL)", &error), qPrintable(error));
    db.setLargestValueBytes(100);
    SqliteStatement insert = db.prepare("INSERT INTO t (v) VALUES (?1)", &error);
    QVERIFY2(insert.isValid(), qPrintable(error));

    const QByteArray tooBig(101, 'x');
    insert.bindBlobView(1, tooBig);
    QVERIFY(!insert.run());
    // The bind failed, so the parameter is unbound: running anyway would blame NOT NULL.
    QVERIFY(db.lastValueWasTooBig());
    error = db.describeError(QStringLiteral("Cannot write"));
    QVERIFY2(error.contains(QLatin1String("too big")), qPrintable(error));
    QVERIFY2(!error.contains(QLatin1String("NOT NULL")), qPrintable(error));
    QCOMPARE(db.queryInt("SELECT count(*) FROM t", -1), 0);

    // reset() forgets the failed bind: the statement works again.
    insert.reset();
    const QByteArray fits(90, 'y'); // the row, with its header, must fit too
    insert.bindBlobView(1, fits);
    QVERIFY2(insert.run(), qPrintable(db.describeError(QStringLiteral("Cannot write"))));
    QVERIFY(!db.lastValueWasTooBig());
    QCOMPARE(db.queryInt("SELECT length(v) FROM t", -1), 90);
}

QTEST_GUILESS_MAIN(TestSqliteDatabase)
#include "tst_sqlitedatabase.moc"
