#include "capture/bodydigest.h"

#include <QTest>

class TestBodyDigest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void isXxh3() {
        // Session files keep these values: they must not change with the build. XXH3-64
        // of "abc" (seed 0), as xxHash's own reference gives it.
        QCOMPARE(BodyDigest::of("abc"), Q_UINT64_C(0x78AF5F94892F3950));
    }
    void equalBytesOnly() {
        const QByteArray body = QByteArrayLiteral(R"({"Action":"ServiceOrderUpdated"})");
        QCOMPARE(BodyDigest::of(body), BodyDigest::of(QByteArray(body)));
        QVERIFY(BodyDigest::of(body) != BodyDigest::of(QByteArray(body + ' ')));
        QVERIFY(BodyDigest::of(body) != BodyDigest::of(body.toLower()));
        QVERIFY(BodyDigest::of(body) != 0);
    }
    void emptyBodyHasNone() {
        QCOMPARE(BodyDigest::of(QByteArray()), 0u);
        QCOMPARE(BodyDigest::of(QByteArrayView("", 0)), 0u);
    }
};

QTEST_GUILESS_MAIN(TestBodyDigest)
#include "tst_bodydigest.moc"
