#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QVarLengthArray>

/**
 * Reads an array of arrays of scalars, e.g. [["a","b",1],["c",null]], one inner
 * array (row) at a time, without allocating for strings that need no unescaping.
 * Anything else (objects, nesting, bad syntax, trailing bytes) makes next() return
 * false with failed() set; an empty or NULL column reads as no rows.
 */
class JsonRows {
public:
    explicit JsonRows(QByteArrayView json);

    /// Moves to the next row; false at the end or on malformed input (see failed()).
    bool next();
    bool failed() const { return m_failed; }

    /// Values in the current row.
    int size() const { return int(m_values.size()); }
    /// Missing values (i >= size()) read as null.
    bool isNull(int i) const;
    /// Whether value i is a string (missing values are not).
    bool isString(int i) const;
    /// A string as UTF-8; empty for null, numbers and missing values. Valid until next().
    QByteArrayView text(int i) const;
    /// An integer (true is 1, false 0); fallback for null, strings and missing values.
    qint64 integer(int i, qint64 fallback = 0) const;

private:
    enum class Type : quint8 { Null, String, Number };
    struct Value {
        Type type = Type::Null;
        bool unescaped = false; ///< text lives in m_unescaped, not in m_json
        qsizetype begin = 0;
        qsizetype size = 0;
        qint64 number = 0;
    };
    bool fail();
    /// After the closing bracket: no more rows.
    bool finish();
    void skipSpace();
    bool readValue(Value *value);
    bool readString(Value *value);
    bool readNumber(Value *value);
    bool unescape(qsizetype begin, qsizetype end, Value *value);

    QByteArrayView m_json;
    qsizetype m_at = 0;
    bool m_started = false;
    bool m_done = false;
    bool m_failed = false;
    QVarLengthArray<Value, 8> m_values;
    QByteArray m_unescaped;
};
