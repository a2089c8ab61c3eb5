#pragma once

#include "detailroles.h"
#include "entityform.h"
#include "findingindex.h"

#include <QAbstractItemModel>
#include <QList>
#include <QSet>

/**
 * An EntityForm as a tree for the detail pane's Entity tab: label, value and type
 * columns, nested objects and list elements as children. Each row carries the
 * contract's description (tooltip), the entity an Id refers to, the worst contract
 * finding at or under it, and whether it is secret (masked until revealed).
 *
 * The view turns referenced Ids into links for the ones setLinkedIds() names (Ids
 * of entities this session has seen).
 */
class EntityFormModel : public QAbstractItemModel {
    Q_OBJECT

public:
    enum Column { LabelColumn, ValueColumn, TypeColumn, ColumnCount };
    enum Role {
        PathRole = DetailRoles::PathRole,
        FindingSeverityRole = DetailRoles::FindingSeverityRole,
        FindingMessagesRole = DetailRoles::FindingMessagesRole,
        OwnFindingSeverityRole = DetailRoles::OwnFindingSeverityRole,
        SecretRole = DetailRoles::SecretRole,
        FieldNameRole = DetailRoles::FirstModelRole, ///< QString: the JSON member name
        DescriptionRole,                             ///< QString: the contract's sentence
        RefersToRole,     ///< QString: the entity type an Id names ("Resource")
        ReferencedIdRole, ///< QString: the Id value when RefersToRole is set
        LinkRole,         ///< bool: the referenced Id is an entity of this session
        StatusRole,       ///< int(EntityFormField::Status)
        RequiredRole,     ///< bool
        CopyTextRole,     ///< QString: the value for the clipboard (masked unless revealed)
    };

    explicit EntityFormModel(QObject *parent = nullptr);

    void setForm(const EntityForm &form, const QList<ContractFinding> &findings);
    /// The same with the findings already indexed (cheap to copy).
    void setForm(const EntityForm &form, const FindingIndex &findings);
    void clear();
    const EntityForm &form() const { return m_form; }

    /// The referenced Ids (from referencedIds()) that lead to an entity of the session.
    void setLinkedIds(const QSet<QString> &ids);
    /// Every Id the form refers to (RefersToRole set), each once, with the entity type.
    QList<std::pair<QString, QString>> referencedIds() const;

    void setSecretsRevealed(bool revealed);
    bool secretsRevealed() const { return m_revealed; }

    /// The row of the field at this JSON path, or an invalid index.
    QModelIndex indexForPath(const QString &path) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    struct Row {
        const EntityFormField *field = nullptr; ///< null for an "… n more" row
        qsizetype omitted = 0;
        int parent = -1; ///< index into m_rows, -1 for top level
        int row = 0;
        QList<int> children;
    };

    void addRows(const QList<EntityFormField> &fields, qsizetype omitted, int parent);
    const QList<int> &childrenOf(const QModelIndex &parent) const;
    QString valueText(const Row &row) const;
    QString toolTip(const Row &row) const;
    void emitAllChanged();

    EntityForm m_form;
    FindingIndex m_findings;
    QList<Row> m_rows;
    QList<int> m_topLevel;
    QSet<QString> m_linked;
    bool m_revealed = false;
};
