#include "models/headersmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

class TestHeadersModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void keepsOrderDuplicatesAndTrailers();
    void showsBytesAsText_data();
    void showsBytesAsText();
    void masksSecretQueryParametersUntilRevealed();
    void passesModelTester();
};

void TestHeadersModel::keepsOrderDuplicatesAndTrailers() {
    HeadersModel model;
    const HeaderList headers{{"Host", "127.0.0.1:8089"},
                             {"X-Dup", "one"},
                             {"content-type", "application/json"},
                             {"X-Dup", "two"}};
    model.setFields(headers, {{"X-Checksum", "abc"}});
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.trailerCount(), 1);
    QStringList names;
    QStringList values;
    for (int row = 0; row < model.rowCount(); ++row) {
        names.append(model.index(row, HeadersModel::NameColumn).data().toString());
        values.append(model.index(row, HeadersModel::ValueColumn).data().toString());
    }
    QCOMPARE(names, QStringList({QStringLiteral("Host"), QStringLiteral("X-Dup"),
                                 QStringLiteral("content-type"), QStringLiteral("X-Dup"),
                                 QStringLiteral("X-Checksum")}));
    QCOMPARE(values, QStringList({QStringLiteral("127.0.0.1:8089"), QStringLiteral("one"),
                                  QStringLiteral("application/json"), QStringLiteral("two"),
                                  QStringLiteral("abc")}));
    QCOMPARE(model.index(3, HeadersModel::SectionColumn).data().toString(),
             QStringLiteral("header"));
    QCOMPARE(model.index(4, HeadersModel::SectionColumn).data().toString(),
             QStringLiteral("trailer"));
    QVERIFY(model.index(4, 0).data(HeadersModel::IsTrailerRole).toBool());
    QVERIFY(!model.index(0, 0).data(HeadersModel::IsTrailerRole).toBool());
    QCOMPARE(model.headerData(2, Qt::Vertical).toInt(), 3);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.trailerCount(), 0);
}

void TestHeadersModel::showsBytesAsText_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("text");
    QTest::newRow("ascii") << QByteArray("application/json") << QStringLiteral("application/json");
    QTest::newRow("utf-8") << QByteArray("caf\xc3\xa9") << QString::fromUtf8("caf\xc3\xa9");
    QTest::newRow("latin-1") << QByteArray("d\xe9j\xe0 vu") << QString::fromUtf8("déjà vu");
    QTest::newRow("control") << QByteArray("a\x01"
                                           "b\x7f")
                             << QStringLiteral("a\\x01b\\x7f");
    QTest::newRow("nul") << QByteArray("a\0b", 3) << QStringLiteral("a\\x00b");
    QTest::newRow("encoded words stay")
        << QByteArray("=?utf-8?q?x?=") << QStringLiteral("=?utf-8?q?x?=");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("");
}

void TestHeadersModel::showsBytesAsText() {
    QFETCH(QByteArray, bytes);
    QFETCH(QString, text);
    QCOMPARE(HeadersModel::text(bytes), text);
    HeadersModel model;
    model.setFields({{"X-Test", bytes}});
    QCOMPARE(model.index(0, HeadersModel::ValueColumn).data().toString(), text);
    QCOMPARE(model.index(0, 0).data(HeadersModel::RawValueRole).toByteArray(), bytes);
}

void TestHeadersModel::masksSecretQueryParametersUntilRevealed() {
    HeadersModel model;
    model.setFields({{"Referer", "https://example.com/hook?Token=s3cret-TOKEN-9f2c&x=1"}});
    const QModelIndex value = model.index(0, HeadersModel::ValueColumn);
    QVERIFY(!value.data().toString().contains(QStringLiteral("s3cret")));
    QVERIFY(value.data().toString().contains(QStringLiteral("9f2c&x=1")));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setSecretsRevealed(true);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(value.data().toString(),
             QStringLiteral("https://example.com/hook?Token=s3cret-TOKEN-9f2c&x=1"));
}

void TestHeadersModel::passesModelTester() {
    HeadersModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setFields({{"A", "1"}, {"A", "2"}}, {{"T", "x"}});
    model.setSecretsRevealed(true);
    model.setFields({{"B", "3"}});
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestHeadersModel)
#include "tst_headersmodel.moc"
