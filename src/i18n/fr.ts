// Le catalogue français : la langue par défaut. Chaque texte lu par un·e utilisateur·rice est ici.
// Keys are shared with en.ts (the compiler checks that both have the same keys and parameters).

export const fr = {
  'app.name': 'Tiers-Lieux',
  'common.cancel': 'Annuler',
  'common.save': 'Enregistrer',
  'common.close': 'Fermer',
  'common.none': 'aucun',
  'common.notSet': 'non configuré',
  'common.andMore': (p: { count: number }) => `… et ${p.count} de plus`,
  'common.yes': 'oui',
  'common.no': 'non',

  'error.generic': 'Désolé, quelque chose s’est mal passé de notre côté. Réessayez dans un instant ; si cela persiste, prévenez un·e coordinateur·rice.',
  'error.database': 'Désolé, la base de données ne répond pas pour le moment. Rien n’a été enregistré : réessayez dans quelques minutes.',
  'error.coordinatorOnly': 'Cette action est réservée aux coordinateur·rices du réseau.',
  'error.slackFailed': 'Slack n’a pas répondu à temps. Réessayez dans un instant.',
  'error.comingSoon': (p: { command: string }) =>
    `La commande ${p.command} n’est pas encore disponible dans cette version de Tiers-Lieux. Elle arrive bientôt.`,

  'role.animateur': 'animateur·rice',
  'role.coordinateur': 'coordinateur·rice',

  'spaceKind.coworking': 'Coworking',
  'spaceKind.fablab': 'Fab-lab',
  'spaceKind.numerique': 'Espace public numérique',
  'spaceKind.tiers_lieu': 'Tiers-lieu',
  'spaceKind.autre': 'Autre',

  'network.title': 'Réseau',
  'network.spaces.header': 'Espaces',
  'network.spaces.empty': 'Aucun espace pour l’instant. Ajoutez le premier lieu du réseau.',
  'network.spaces.add': 'Ajouter un espace',
  'network.spaces.edit': 'Modifier',
  'network.spaces.line': (p: { name: string; town: string; kind: string; channel: string }) =>
    `*${p.name}*${p.town ? ` — ${p.town}` : ''}\n${p.kind} · ${p.channel}`,
  'network.spaces.noChannel': 'pas de canal',
  'network.spaces.archived': 'archivé',
  'network.channels.header': 'Canaux du réseau et objectif',
  'network.channels.agenda': 'Agenda',
  'network.channels.help': 'Entraide',
  'network.channels.coordination': 'Coordination',
  'network.channels.summary': (p: { agenda: string; help: string; coordination: string; target: number }) =>
    `*Agenda :* ${p.agenda}\n*Entraide :* ${p.help}\n*Coordination :* ${p.coordination}\n*Objectif annuel :* ${p.target} évènements`,
  'network.channels.edit': 'Modifier les canaux et l’objectif',
  'network.coordinators.header': 'Coordinateur·rices',
  'network.coordinators.edit': 'Gérer les coordinateur·rices',
  'network.coordinators.fromConfig': '(configuration)',

  'space.modal.addTitle': 'Nouvel espace',
  'space.modal.editTitle': 'Modifier l’espace',
  'space.field.name': 'Nom',
  'space.field.namePlaceholder': 'ex. La Fabrique de Crest',
  'space.field.town': 'Commune',
  'space.field.kind': 'Type de lieu',
  'space.field.channel': 'Canal Slack de l’espace',
  'space.field.channelHint': 'Les évènements de cet espace y seront aussi annoncés. Invitez-y l’application.',
  'space.field.archived': 'Archiver cet espace (il n’apparaît plus dans les listes)',
  'space.error.nameRequired': 'Donnez un nom à l’espace.',
  'space.error.nameTooLong': (p: { max: number }) => `Le nom ne doit pas dépasser ${p.max} caractères.`,
  'space.error.nameTaken': 'Un espace porte déjà ce nom.',
  'space.error.townTooLong': (p: { max: number }) => `La commune ne doit pas dépasser ${p.max} caractères.`,
  'space.error.notFound': 'Cet espace n’existe plus.',

  'settings.modal.title': 'Canaux et objectif',
  'settings.field.agenda': 'Canal de l’agenda du réseau',
  'settings.field.help': 'Canal de l’entraide',
  'settings.field.coordination': 'Canal de coordination',
  'settings.field.coordinationHint': 'Un canal privé de préférence : les échéances de contrats n’y sont montrées que s’il est privé.',
  'settings.field.target': 'Objectif annuel d’évènements',
  'settings.error.target': 'Indiquez un nombre entier entre 1 et 100 000.',

  'coordinators.modal.title': 'Coordinateur·rices',
  'coordinators.field.users': 'Membres ayant le rôle de coordinateur·rice',
  'coordinators.field.hint': 'Les coordinateur·rices gèrent le réseau, les contrats et reçoivent les bilans.',
  'coordinators.error.empty': 'Il faut au moins un·e coordinateur·rice.',
  'coordinators.error.configured': (p: { users: string }) =>
    `${p.users} : rôle défini par la configuration (COORDINATOR_USER_IDS) ; retirez-les d’abord de la configuration.`,
  'coordinators.error.bot': 'Une application ne peut pas être coordinatrice.',

  'home.title': (p: { name: string }) => `Bonjour ${p.name} !`,
  'home.role': (p: { role: string }) => `Votre rôle dans le réseau : *${p.role}*.`,
  'home.intro': 'Déclarez vos évènements avec `/evenement`, demandez un coup de main avec `/entraide`, consultez l’agenda avec `/agenda`.',
  'home.configure': 'Configurer le réseau',
  'home.health.header': 'État de l’application',
  'home.health.channels': 'Canaux',
  'home.health.channelOk': (p: { label: string; channel: string }) => `✅ ${p.label} : ${p.channel}`,
  'home.health.channelMissing': (p: { label: string }) => `⚠️ ${p.label} : non configuré (\`/reseau\`)`,
  'home.health.channelNotFound': (p: { label: string; channel: string }) =>
    `❌ ${p.label} : ${p.channel} introuvable (supprimé, ou privé sans l’application)`,
  'home.health.channelNotMember': (p: { label: string; channel: string }) =>
    `⚠️ ${p.label} : l’application n’est pas membre de ${p.channel} — invitez-la avec \`/invite @Tiers-Lieux\``,
  'home.health.channelUnknown': (p: { label: string; channel: string }) => `❔ ${p.label} : ${p.channel} (vérification impossible pour le moment)`,
  'home.health.spaceChannel': (p: { name: string }) => `Espace ${p.name}`,
  'home.health.jobs': 'Tâches planifiées',
  'home.health.jobNever': (p: { job: string }) => `• \`${p.job}\` : jamais exécutée`,
  'home.health.jobLast': (p: { job: string; when: string; status: string }) => `• \`${p.job}\` : ${p.when} — ${p.status}`,
  'home.health.jobStatus.done': 'terminée',
  'home.health.jobStatus.running': 'en cours',
  'home.health.jobStatus.failed': 'échec',
  'home.health.jobStatus.skipped': 'sautée (rattrapage)',
  'home.health.outbox': 'Messages en attente',
  'home.health.outboxEmpty': '✅ Aucun message en attente.',
  'home.health.outboxPending': (p: { count: number }) =>
    `⏳ ${p.count} message${p.count > 1 ? 's' : ''} en attente d’envoi (nouvel essai automatique).`,
  'home.health.outboxFailed': (p: { count: number }) =>
    `❌ ${p.count} message${p.count > 1 ? 's' : ''} non envoyé${p.count > 1 ? 's' : ''} (erreur définitive) :`,
  'home.health.outboxFailedLine': (p: { channel: string; error: string; when: string }) => `• ${p.channel} — \`${p.error}\` — ${p.when}`,

  'job.outbox.summary': (p: { sent: number; retried: number; failed: number }) =>
    `${p.sent} envoyé(s), ${p.retried} à réessayer, ${p.failed} en échec définitif`,
};
