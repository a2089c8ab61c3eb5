#include "session/utf8arena.h"

#include <QList>
#include <QTest>

// UTF-8 views of several strings in one buffer: the same bytes as QString::toUtf8(), and
// every view still valid after the last string went in.
class TestUtf8Arena : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void writesWhatToUtf8Writes_data();
    void writesWhatToUtf8Writes();
    void everyViewStaysValid_data();
    void everyViewStaysValid();
};

void TestUtf8Arena::writesWhatToUtf8Writes_data() {
    QTest::addColumn<QString>("text");
    QTest::newRow("ASCII") << QStringLiteral("ServiceOrderUpdated");
    QTest::newRow("empty") << QString();
    QTest::newRow("Latin-1") << QStringLiteral("Hotel Aurora Lisboa, São Bento");
    QTest::newRow("non-ASCII last") << QStringLiteral("Zürich-Straße");
    QTest::newRow("three-byte") << QStringLiteral("Hôtel 東京 €");
    QTest::newRow("surrogate pair") << QString::fromUtf8("guest \xF0\x9F\x98\x80");
    QTest::newRow("lone surrogate") << (QStringLiteral("a") + QChar(0xD800) + QStringLiteral("b"));
    QTest::newRow("0x7F and 0x80") << (QStringLiteral("\x7F") + QChar(0x80));
}

void TestUtf8Arena::writesWhatToUtf8Writes() {
    QFETCH(QString, text);
    Utf8Arena arena(Utf8Arena::capacityFor(text));
    const QByteArrayView view = arena.add(text);
    QCOMPARE(view.toByteArray(), text.toUtf8());
    QCOMPARE(arena.size(), text.toUtf8().size());
}

void TestUtf8Arena::everyViewStaysValid_data() {
    QTest::addColumn<int>("count");
    QTest::newRow("within the buffer on the stack") << 20;
    QTest::newRow("on the heap") << 2000;
}

void TestUtf8Arena::everyViewStaysValid() {
    QFETCH(int, count);
    QList<QString> texts;
    qsizetype capacity = 0;
    for (int i = 0; i < count; ++i) {
        texts.append(i % 3 == 0 ? QStringLiteral("Événement %1").arg(i)
                                : QStringLiteral("Discriminator%1").arg(i));
        capacity += Utf8Arena::capacityFor(texts.constLast());
    }
    Utf8Arena arena(capacity);
    QList<QByteArrayView> views;
    for (const QString &text : std::as_const(texts))
        views.append(arena.add(text));
    for (int i = 0; i < count; ++i)
        QCOMPARE(views.at(i).toByteArray(), texts.at(i).toUtf8());
}

QTEST_APPLESS_MAIN(TestUtf8Arena)
#include "tst_utf8arena.moc"
