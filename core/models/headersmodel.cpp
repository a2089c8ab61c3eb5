#include "headersmodel.h"

#include "mews/secrets.h"

#include <QStringDecoder>

HeadersModel::HeadersModel(QObject *parent)
    : QAbstractTableModel(parent) {
}

void HeadersModel::setFields(const HeaderList &headers, const HeaderList &trailers) {
    beginResetModel();
    m_fields = headers + trailers;
    m_trailers = trailers.size();
    endResetModel();
}

void HeadersModel::setSecretsRevealed(bool revealed) {
    if (revealed == m_revealed)
        return;
    m_revealed = revealed;
    if (!m_fields.isEmpty())
        Q_EMIT dataChanged(index(0, ValueColumn), index(rowCount() - 1, ValueColumn));
}

QString HeadersModel::text(QByteArrayView bytes) {
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString decoded = utf8.decode(bytes);
    if (utf8.hasError())
        decoded = QString::fromLatin1(bytes);
    QString out;
    out.reserve(decoded.size());
    for (const QChar c : decoded) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out;
}

int HeadersModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_fields.size());
}

int HeadersModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HeadersModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid() || index.row() >= m_fields.size())
        return {};
    const HeaderField &field = m_fields.at(index.row());
    const bool trailer = index.row() >= m_fields.size() - m_trailers;
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case NameColumn:
            return text(field.name);
        case ValueColumn:
            return text(m_revealed ? field.value : Secrets::maskTarget(field.value));
        case SectionColumn:
            return trailer ? QStringLiteral("trailer") : QStringLiteral("header");
        }
        return {};
    case SortRole:
        return index.row();
    case RawNameRole:
        return field.name;
    case RawValueRole:
        return field.value;
    case IsTrailerRole:
        return trailer;
    }
    return {};
}

QVariant HeadersModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    switch (section) {
    case NameColumn:
        return QStringLiteral("Name");
    case ValueColumn:
        return QStringLiteral("Value");
    case SectionColumn:
        return QStringLiteral("Part");
    }
    return {};
}
