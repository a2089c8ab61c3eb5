#pragma once

#include "lenientjsonresult.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

/**
 * The arrays and objects LenientJson has open, innermost last, and the value they make.
 *
 * The reader says what the text holds (a container opens or closes, a member's name, a
 * value) and this builds the value from it; it knows no syntax. Repeated member names are
 * recorded in the result given, as each object closes.
 */
class LenientJsonBuilder {
public:
    explicit LenientJsonBuilder(LenientJsonResult &result);

    /// How many containers are open.
    qsizetype depth() const { return m_stack.size(); }
    /// Whether the innermost open container is an object.
    bool inObject() const { return !m_stack.isEmpty() && m_stack.last().isObject; }
    /// Whether the innermost open container is an array.
    bool inArray() const { return !m_stack.isEmpty() && !m_stack.last().isObject; }
    /// Whether the innermost open container is an array that is an object member's value.
    bool inMemberArray() const;

    void open(bool isObject);
    /// Closes the innermost container and adds it to the one around it; true when it was
    /// the outermost, so the value is complete.
    bool close();
    /// Adds a value to the innermost container, or makes it the value when none is open;
    /// true in that case, as the value is then complete.
    bool add(const QJsonValue &value);
    /// Names the member of the innermost object whose value comes next; offset is where
    /// the name is in the text.
    void setKey(const QString &key, qsizetype offset);
    /// A ] still to come in the innermost object for an array the reader closed early,
    /// which takeStrayBracket() then accounts for.
    void addStrayBracket() { ++m_stack.last().strayBrackets; }
    bool takeStrayBracket();
    /// The JSON path of the value added next: a scalar just read or a container just
    /// closed. Every open container is one of its ancestors.
    QString pathOfNext() const;
    /// Closes what is open, keeping what was read, so that a text cut short can be shown.
    void closeAll();

    /// The value, once complete (or closed by closeAll()).
    QJsonValue value() const { return m_root; }

private:
    struct Member {
        QString key;
        QJsonValue value;
        qsizetype offset = 0; // of the member name
    };

    struct Frame {
        bool isObject = false;
        QJsonArray array;
        QList<Member> members;
        QString key;             // member whose value is being read
        qsizetype keyOffset = 0; // where its name is
        int strayBrackets = 0;   // ] left over by misplaced-key repairs, to be dropped
    };

    QJsonObject toObject(QList<Member> &members);

    LenientJsonResult &m_result;
    QList<Frame> m_stack;
    QJsonValue m_root;
};
