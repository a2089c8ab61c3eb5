// The listener with a committer that records what it was given, or refuses some of it,
// or fails: what the sender is answered when the session does not store a request.
#include "http/httplistener.h"
#include "http/httpresponse.h"
#include "httptestclient.h"
#include "listenerfixture.h"

#include <QTest>

#include <functional>
#include <memory>

namespace {

// A committer that records what it was given and can be told to fail.
class RecordingCommitter : public CaptureCommitter {
public:
    bool commit(QList<Capture> &captures, QString *error, QList<qsizetype> *refused) override {
        batchSizes.append(int(captures.size()));
        if (beforeCommit)
            beforeCommit(captures, refused);
        for (Capture &capture : captures)
            capture.id = nextId++;
        committed += captures;
        if (failWith.isEmpty())
            return true;
        *error = failWith;
        return false;
    }
    void responsesReplaced(const QList<Capture> &captures) override { replaced += captures; }

    std::function<void(QList<Capture> &, QList<qsizetype> *refused)> beforeCommit;
    QString failWith;
    qint64 nextId = 1000;
    QList<int> batchSizes;
    QList<Capture> committed;
    QList<Capture> replaced;
};

} // namespace

class TestHttpListenerCommit : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void commitsBeforeResponding();
    void answers503WhenCommitFails();
    void sendsTheAnswerToACaptureRefusedAlone_data();
    void sendsTheAnswerToACaptureRefusedAlone();
};

void TestHttpListenerCommit::initTestCase() {
    qRegisterMetaType<QList<Capture>>();
}

void TestHttpListenerCommit::commitsBeforeResponding() {
    Fixture fixture;
    auto owned = std::make_unique<RecordingCommitter>();
    RecordingCommitter *committer = owned.get();
    fixture.listener.setCommitter(std::move(owned));
    HttpTestClient client;
    QVERIFY(client.connectTo(fixture.port));
    bool answeredBeforeCommit = true;
    int statusAtCommit = 0;
    committer->beforeCommit = [&](const QList<Capture> &captures, QList<qsizetype> *) {
        answeredBeforeCommit = hasUnreadBytes(client.socket);
        statusAtCommit = captures.front().response.status;
    };
    // three pipelined requests in one write arrive in one read: one batch, one commit
    client.send(post("/1", "{}") + post("/2", "{}") + post("/3", "{}"));
    QVERIFY(client.waitForResponses(3));
    QVERIFY(fixture.waitForCaptures(3));
    QVERIFY(!answeredBeforeCommit);
    QCOMPARE(statusAtCommit, 200);
    QCOMPARE(committer->batchSizes, QList<int>{3});
    QCOMPARE(fixture.batches.size(), 1);
    QCOMPARE(fixture.captures[0].id, 1000);
    QCOMPARE(fixture.captures[2].id, 1002);
    QCOMPARE(committer->committed.size(), 3);
    QVERIFY(committer->replaced.isEmpty());
}

void TestHttpListenerCommit::answers503WhenCommitFails() {
    Fixture fixture;
    auto owned = std::make_unique<RecordingCommitter>();
    RecordingCommitter *committer = owned.get();
    committer->failWith = QStringLiteral("Cannot write /home/dev/private.mwsession: disk full");
    fixture.listener.setCommitter(std::move(owned));
    HttpTestClient client;
    QVERIFY(client.connectTo(fixture.port));
    client.send(post("/w", "{}"));
    QVERIFY(client.waitForResponses(1));
    QCOMPARE(client.responses.front().status, 503);
    // The sender learns that it should retry, not the local reason (a file's path).
    QVERIFY(client.responses.front().body.contains("could not store the request"));
    QVERIFY(!client.responses.front().body.contains("private.mwsession"));
    QVERIFY(client.waitForClose());
    QVERIFY(fixture.waitForCaptures(1));
    const Capture capture = fixture.captures.front();
    QCOMPARE(capture.response.status, 503);
    QVERIFY(capture.rejection.contains(QStringLiteral("disk full")));
    QCOMPARE(committer->replaced.size(), 1);
    QCOMPARE(committer->replaced.front().response.status, 503);
    QCOMPARE(committer->replaced.front().id, capture.id);
}

void TestHttpListenerCommit::sendsTheAnswerToACaptureRefusedAlone_data() {
    QTest::addColumn<QString>("failWith");
    QTest::addColumn<int>("keptStatus");
    QTest::newRow("the others are stored") << QString() << 200;
    // The refused one keeps its answer: the committer will store it with that.
    QTest::newRow("the commit fails") << QStringLiteral("disk full") << 503;
}

void TestHttpListenerCommit::sendsTheAnswerToACaptureRefusedAlone() {
    QFETCH(QString, failWith);
    QFETCH(int, keptStatus);
    Fixture fixture;
    auto owned = std::make_unique<RecordingCommitter>();
    RecordingCommitter *committer = owned.get();
    committer->failWith = failWith;
    committer->beforeCommit = [](QList<Capture> &captures, QList<qsizetype> *refused) {
        for (qsizetype i = 0; i < captures.size(); ++i) {
            if (captures[i].target == "/refused") {
                captures[i].rejection = QStringLiteral("not stored in full: too big");
                captures[i].response = HttpResponse::error(413, "too big to store", 0);
                refused->append(i);
            }
        }
    };
    fixture.listener.setCommitter(std::move(owned));
    HttpTestClient kept;
    HttpTestClient refused;
    QVERIFY(kept.connectTo(fixture.port));
    QVERIFY(refused.connectTo(fixture.port));
    kept.send(post("/kept", "{}"));
    refused.send(post("/refused", "{}"));
    QVERIFY(kept.waitForResponses(1));
    QVERIFY(refused.waitForResponses(1));
    QCOMPARE(kept.responses.front().status, keptStatus);
    QCOMPARE(refused.responses.front().status, 413);
    QCOMPARE(refused.responses.front().body, QByteArray("too big to store\n"));
    // Turned away like any rejection: the connection closes.
    QVERIFY(refused.waitForClose());
    if (failWith.isEmpty())
        QCOMPARE(kept.socket.state(), QAbstractSocket::ConnectedState);
    QVERIFY(fixture.waitForCaptures(2));
    QCOMPARE(committer->committed.size(), 2);
    QCOMPARE(committer->replaced.size(), failWith.isEmpty() ? 0 : 1);
}

QTEST_GUILESS_MAIN(TestHttpListenerCommit)
#include "tst_httplistenercommit.moc"
