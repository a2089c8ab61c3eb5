#pragma once

#include "capture/capture.h"
#include "detailroles.h"

#include <QAbstractTableModel>

/**
 * The header fields of a request (or a response), then its chunked trailer
 * fields, one row each in the order they arrived, repeated names kept. Names and
 * values are shown as their bytes read as UTF-8 (Latin-1 when they are not UTF-8),
 * with control bytes written as \xNN; nothing is unfolded, merged or decoded.
 * Secret query parameters in values (a Referer with ?Token=) are masked unless
 * revealed.
 */
class HeadersModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { NameColumn, ValueColumn, SectionColumn, ColumnCount };
    enum Role {
        SortRole = DetailRoles::SortRole,
        RawNameRole = DetailRoles::FirstModelRole, ///< QByteArray as received
        RawValueRole,                              ///< QByteArray as received (unmasked)
        IsTrailerRole,                             ///< bool
    };

    explicit HeadersModel(QObject *parent = nullptr);

    void setFields(const HeaderList &headers, const HeaderList &trailers = {});
    void clear() { setFields({}, {}); }
    qsizetype trailerCount() const { return m_trailers; }

    void setSecretsRevealed(bool revealed);
    bool secretsRevealed() const { return m_revealed; }

    /// Header bytes as text: UTF-8 when valid, else Latin-1; control bytes as \xNN.
    static QString text(QByteArrayView bytes);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    HeaderList m_fields; ///< headers, then trailers
    qsizetype m_trailers = 0;
    bool m_revealed = false;
};
