#include "lenientjsonbuilder.h"

#include "jsonpath.h"

#include <algorithm>
#include <utility>

LenientJsonBuilder::LenientJsonBuilder(LenientJsonResult &result)
    : m_result(result) {
}

bool LenientJsonBuilder::inMemberArray() const {
    return inArray() && m_stack.size() >= 2 && m_stack.at(m_stack.size() - 2).isObject;
}

void LenientJsonBuilder::open(bool isObject) {
    Frame frame;
    frame.isObject = isObject;
    m_stack.append(std::move(frame));
}

bool LenientJsonBuilder::close() {
    Frame frame = m_stack.takeLast();
    if (frame.isObject)
        return add(toObject(frame.members));
    return add(frame.array);
}

bool LenientJsonBuilder::add(const QJsonValue &value) {
    if (m_stack.isEmpty()) {
        m_root = value;
        return true;
    }
    Frame &top = m_stack.last();
    if (top.isObject) {
        top.members.append({std::exchange(top.key, QString()), value, top.keyOffset});
    } else {
        top.array.append(value);
    }
    return false;
}

void LenientJsonBuilder::setKey(const QString &key, qsizetype offset) {
    m_stack.last().key = key;
    m_stack.last().keyOffset = offset;
}

bool LenientJsonBuilder::takeStrayBracket() {
    Frame &top = m_stack.last();
    if (top.strayBrackets <= 0)
        return false;
    --top.strayBrackets;
    return true;
}

QString LenientJsonBuilder::pathOfNext() const {
    QString path;
    for (qsizetype i = 0; i < m_stack.size(); ++i) {
        const Frame &frame = m_stack.at(i);
        path = frame.isObject ? JsonPath::appendKey(path, frame.key)
                              : JsonPath::appendIndex(path, frame.array.size());
    }
    return path.isNull() ? QLatin1String("") : path;
}

void LenientJsonBuilder::closeAll() {
    while (!m_stack.isEmpty()) {
        Frame frame = m_stack.takeLast();
        const QJsonValue value =
            frame.isObject ? QJsonValue(toObject(frame.members)) : QJsonValue(frame.array);
        if (m_stack.isEmpty()) {
            m_root = value;
        } else if (m_stack.last().isObject) {
            if (!m_stack.last().key.isNull())
                m_stack.last().members.append({std::exchange(m_stack.last().key, QString()), value,
                                               m_stack.last().keyOffset});
        } else {
            m_stack.last().array.append(value);
        }
    }
}

// Members are collected in text order and sorted once when the object closes, so an
// object with n members costs n log n instead of n inserts into a sorted container.
QJsonObject LenientJsonBuilder::toObject(QList<Member> &members) {
    std::stable_sort(members.begin(), members.end(),
                     [](const Member &a, const Member &b) { return a.key < b.key; });
    QJsonObject object;
    QString path;
    for (qsizetype i = 0; i < members.size(); ++i) {
        const Member &member = members.at(i);
        if (i > 0 && members.at(i - 1).key == member.key) {
            ++m_result.duplicateCount;
            if (m_result.duplicateNames.size() < LenientJsonResult::MaxRecordedRepairs) {
                if (path.isNull())
                    path = pathOfNext();
                m_result.duplicateNames.append(
                    JsonDuplicateName{JsonPath::appendKey(path, member.key),
                                      JsonError{member.offset, 0, 0, member.key}});
            }
        }
        // Like QJsonDocument, the last of repeated names wins.
        if (i + 1 < members.size() && members.at(i + 1).key == member.key)
            continue;
        object.insert(member.key, member.value);
    }
    return object;
}
