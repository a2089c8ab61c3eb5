#pragma once

#include "mews/mewsanalysis.h"

#include <QJsonValue>
#include <QList>
#include <QString>

class ContractSchema;

/// One row of an entity form: a documented field (sent or not), or a member the
/// contract does not know, with its nested fields or list elements as children.
struct EntityFormField {
    enum class Status : quint8 {
        Sent,     ///< documented and present
        NotKnown, ///< present but not known to this version of the contract
        Missing,  ///< documented as required and absent
        NotSent,  ///< documented as optional and absent
    };

    QString name;  ///< member name, or "[i]" for a list element
    QString label; ///< "Start (UTC)"; the name when the contract has none
    QString path;  ///< JSON path of the value ("Entities.ServiceOrders[0].StartUtc")
    QString typeLabel;
    QString description;
    QString refersTo; ///< the entity an Id names ("Resource"), if any
    QJsonValue value; ///< undefined when Missing / NotSent
    Status status = Status::Sent;
    bool required = false;
    bool secret = false;
    QList<EntityFormField> children;
    qsizetype omittedChildren = 0; ///< list elements beyond EntityForm::MaxElements

    bool isSent() const { return status == Status::Sent || status == Status::NotKnown; }
    /// The Id this field refers to (a non-empty string with refersTo set), else empty.
    QString referencedId() const;
};

/**
 * An Integration webhook's Data, a General webhook event, or an embedded entity
 * laid out as the contract describes it: the documented fields in documentation
 * order, then the members this version does not know, then the documented fields
 * that were not sent (required ones "missing"). Built from the parsed body and the
 * decoder's analysis; a plain value, built on any thread.
 */
struct EntityForm {
    enum class Subject : quint8 { None, IntegrationData, Event, Entity };

    /// Lists longer than this show their first MaxElements elements.
    static constexpr qsizetype MaxElements = 200;

    Subject subject = Subject::None;
    QString title;      ///< "Reservation 8d4e2a17-…", "Integration created data"
    QString typeName;   ///< the contract type of the object shown, e.g. "Reservation"
    QString path;       ///< JSON path of the object shown
    QString entityId;   ///< the Id of the entity, when there is one
    QString entityType; ///< "Reservation", "Customer", ... (what the event names)
    int eventIndex = -1;
    int entityIndex = -1;
    /// Mews sent only the Id (the current General webhook form): fetch it.
    bool idOnly = false;
    QString notice; ///< plain sentences explaining what is shown
    QList<EntityFormField> fields;

    /// The Data of an Integration webhook, typed by its Action.
    static EntityForm forIntegration(const QJsonValue &document, const MewsAnalysis &analysis);
    /// Event `eventIndex` of a General webhook: its embedded entity when the older form
    /// carried one, else its Value (the Id) with what to fetch it with.
    static EntityForm forEvent(const QJsonValue &document, const MewsAnalysis &analysis,
                               int eventIndex);
    /// The embedded entity MewsAnalysis::entities[entityIndex] (Entities.<Collection>[i]).
    static EntityForm forEntity(const QJsonValue &document, const MewsAnalysis &analysis,
                                int entityIndex);
    /// The object at `path` read as `typeName` (unknown types list every member as sent).
    static EntityForm forObject(const QJsonValue &document, const QString &path,
                                const QString &typeName);
};
