-- CreateTable
CREATE TABLE "OAuthRefreshToken" (
    "configKey" TEXT NOT NULL PRIMARY KEY,
    "refreshToken" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);
